package io.chefsache.escalation;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The crew's reply templates, in the language of the mention they answer. The texts are the process
 * owner's: DMN {@value #DECISION_KEY} ({@code bpmn/ReplyTemplates.dmn}) has one rule per template and
 * language, so a new language is a few rows in the Modeler. A mention's language is the one its
 * listening tool declared, or else the one of the table's languages its text reads like; if neither
 * is known, the configured default ({@code chefsache.language}, German).
 */
@Component
public class ReplyTemplates {

  static final String DECISION_KEY = "ReplyTemplates";
  private static final Logger LOG = LoggerFactory.getLogger(ReplyTemplates.class);
  /** Below this probability a detection is a guess, and the default language is safer. */
  private static final double CONFIDENT = 0.6;
  /** As long as the crew's reply may be (its form's limit). */
  private static final int MAX_TEXT = 2_000;
  private static final int MAX_NAME = 200;

  /** One template: its name (for people) and the text published. */
  public record Template(String name, String text) {
  }

  private final RepositoryService repositoryService;
  private final String defaultLanguage;
  private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();
  private final Map<String, Detector> detectors = new ConcurrentHashMap<>();
  private final Map<String, List<Rule>> rulesByTable = new ConcurrentHashMap<>();

  ReplyTemplates(RepositoryService repositoryService, @Value("${chefsache.language:de}") String defaultLanguage) {
    this.repositoryService = repositoryService;
    this.defaultLanguage = primaryLanguage(defaultLanguage);
  }

  /** The primary language subtag, lower case ({@code en-GB} → {@code en}), or null. */
  public static String primaryLanguage(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    return tag.strip().split("-", 2)[0].toLowerCase(Locale.ROOT);
  }

  /** The language to answer a mention in: the declared one, else the detected one, else the default. */
  public String languageOf(String declared, String text) {
    String language = primaryLanguage(declared);
    if (language != null) {
      return language;
    }
    return detector().detect(texts, text).orElse(defaultLanguage);
  }

  /** The templates in {@code language}, or in the default language if the table has none in it. */
  public List<Template> in(String language) {
    List<Rule> rules = table().map(table -> rulesByTable.computeIfAbsent(table.getId(), this::rulesOf))
        .orElse(List.of());
    List<Template> templates = matching(rules, language);
    return templates.isEmpty() ? matching(rules, defaultLanguage) : templates;
  }

  private static List<Template> matching(List<Rule> rules, String language) {
    return rules.stream().filter(rule -> rule.languages().isEmpty() || rule.languages().contains(language))
        .map(Rule::template).toList();
  }

  private Optional<DecisionDefinition> table() {
    return Optional.ofNullable(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .latestVersion().singleResult());
  }

  /** A detector for the languages of the deployed table's current version, built once per version. */
  private Detector detector() {
    return table().map(table -> detectors.computeIfAbsent(table.getId(), id -> {
      Set<String> languages = new TreeSet<>();
      rulesByTable.computeIfAbsent(id, this::rulesOf).forEach(rule -> languages.addAll(rule.languages()));
      languages.add(defaultLanguage);
      return new Detector(languages);
    })).orElseGet(() -> new Detector(Set.of()));
  }

  /** A rule of the table: the languages it is for (none: every language) and its template. */
  private record Rule(Set<String> languages, Template template) {
  }

  /**
   * The table's rules, read from the deployed model rather than evaluated: the cells are literals
   * (a language code, a name, a text), and a cell the process owner got wrong must not keep the crew
   * from its task. A rule whose cells are not literals is left out, with a warning.
   */
  private List<Rule> rulesOf(String decisionDefinitionId) {
    DmnModelInstance model = repositoryService.getDmnModelInstance(decisionDefinitionId);
    List<Rule> read = new ArrayList<>();
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
      int name = outputs.indexOf("name");
      int text = outputs.indexOf("text");
      for (org.camunda.bpm.model.dmn.instance.Rule rule : table.getRules()) {
        List<InputEntry> inputs = new ArrayList<>(rule.getInputEntries());
        List<OutputEntry> cells = new ArrayList<>(rule.getOutputEntries());
        Optional<Set<String>> languages = inputs.isEmpty() ? Optional.of(Set.of()) : languages(inputs.get(0));
        Optional<String> templateText = text < 0 || text >= cells.size() ? Optional.empty() : literal(cells.get(text));
        Optional<String> templateName = name < 0 || name >= cells.size() ? Optional.of("") : literal(cells.get(name));
        if (languages.isEmpty() || templateText.isEmpty() || templateText.get().isBlank() || templateName.isEmpty()) {
          LOG.warn("Reply templates: rule {} left out, its cells are not plain language codes and texts", rule.getId());
          continue;
        }
        if (templateText.get().length() > MAX_TEXT || templateName.get().length() > MAX_NAME) {
          LOG.warn("Reply templates: rule {} left out, its text is longer than a reply may be ({} characters)",
              rule.getId(), MAX_TEXT);
          continue;
        }
        read.add(new Rule(languages.get(), new Template(templateName.get(), templateText.get())));
      }
    }
    return List.copyOf(read);
  }

  /** {@code "de"}, {@code "de","en"}, or {@code -} / empty for every language. */
  private static Optional<Set<String>> languages(InputEntry entry) {
    String text = entry.getTextContent() == null ? "" : entry.getTextContent().strip();
    if (text.isEmpty() || text.equals("-")) {
      return Optional.of(Set.of());
    }
    Set<String> languages = new TreeSet<>();
    for (String literal : text.split(",")) {
      String language = literal.strip();
      if (!language.matches("\"[a-z]{2,3}\"")) {
        return Optional.empty();
      }
      languages.add(language.substring(1, language.length() - 1));
    }
    return Optional.of(languages);
  }

  /** A FEEL string literal's value; anything else is not a literal. */
  private static Optional<String> literal(OutputEntry entry) {
    String text = entry.getTextContent() == null ? "" : entry.getTextContent().strip();
    if (text.length() < 2 || !text.startsWith("\"") || !text.endsWith("\"")) {
      return Optional.empty();
    }
    String body = text.substring(1, text.length() - 1);
    if (body.replace("\\\\", "").replace("\\\"", "").contains("\"")) {
      return Optional.empty();
    }
    return Optional.of(body.replace("\\\"", "\"").replace("\\\\", "\\"));
  }

  private static final class Detector {

    private final LanguageDetector detector;

    Detector(Collection<String> languages) {
      List<LanguageProfile> profiles = new ArrayList<>();
      LanguageProfileReader reader = new LanguageProfileReader();
      for (String language : languages) {
        try {
          Optional.ofNullable(reader.readBuiltIn(LdLocale.fromString(language))).ifPresent(profiles::add);
        } catch (IOException | RuntimeException noProfile) {
          // a language the library has no profile for is answered only when the listening tool declares it
        }
      }
      detector = profiles.size() < 2 ? null
          : LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
    }

    Optional<String> detect(TextObjectFactory texts, String text) {
      if (detector == null || text == null || text.isBlank()) {
        return Optional.empty();
      }
      List<DetectedLanguage> ranked = detector.getProbabilities(texts.forText(text));
      if (ranked.isEmpty() || ranked.get(0).getProbability() < CONFIDENT) {
        return Optional.empty();
      }
      return Optional.of(ranked.get(0).getLocale().getLanguage());
    }
  }
}
