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
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.instance.InputEntry;
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
  /** Below this probability a detection is a guess, and the default language is safer. */
  private static final double CONFIDENT = 0.6;

  /** One template: its name (for people) and the text published. */
  public record Template(String name, String text) {
  }

  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final String defaultLanguage;
  private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();
  private final Map<String, Detector> detectors = new ConcurrentHashMap<>();

  ReplyTemplates(DecisionService decisionService, RepositoryService repositoryService,
      @Value("${chefsache.language:de}") String defaultLanguage) {
    this.decisionService = decisionService;
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
    List<Template> templates = evaluate(language);
    return templates.isEmpty() ? evaluate(defaultLanguage) : templates;
  }

  private List<Template> evaluate(String language) {
    return decisionService.evaluateDecisionTableByKey(DECISION_KEY, Variables.putValue("language", language))
        .getResultList().stream()
        .map(rule -> new Template((String) rule.get("name"), (String) rule.get("text")))
        .toList();
  }

  /** A detector for the languages of the deployed table's current version, built once per version. */
  private Detector detector() {
    DecisionDefinition table = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .latestVersion().singleResult();
    return detectors.computeIfAbsent(table.getId(), id -> new Detector(languagesOf(id)));
  }

  /** The languages the table's rules name, e.g. {@code "de"} in the language column. */
  private Set<String> languagesOf(String decisionDefinitionId) {
    Set<String> languages = new TreeSet<>();
    for (InputEntry entry : repositoryService.getDmnModelInstance(decisionDefinitionId)
        .getModelElementsByType(InputEntry.class)) {
      String text = entry.getTextContent().strip();
      for (String literal : text.split(",")) {
        String language = literal.strip().replace("\"", "");
        if (language.matches("[a-z]{2,3}")) {
          languages.add(language);
        }
      }
    }
    languages.add(defaultLanguage);
    return languages;
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
