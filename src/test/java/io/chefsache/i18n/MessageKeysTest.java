package io.chefsache.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.privacy.AuthorErasure;
import io.chefsache.privacy.MentionRetention;
import io.chefsache.audit.TimelineEntry;
import io.chefsache.escalation.EscalationLevel;
import io.chefsache.notify.OutboundAction;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text key that the code, the templates and the diagrams use exists in German
 * ({@code messages.properties}) and in English ({@code messages_en.properties}), and neither file
 * holds a key the other lacks: a missing key would show people a key or a half-translated page.
 */
class MessageKeysTest {

  private static final Path RESOURCES = Path.of("src", "main", "resources");
  /** A key in a Java string or a Thymeleaf message expression: {@code "chat.openTask"}, {@code #{audit.title}}. */
  private static final Pattern KEY = Pattern.compile(
      "(?:\"|#\\{)((?:chat|level|audit|situation|line|refusal|cause|error|outbound|login)\\.[A-Za-z0-9.-]*[A-Za-z0-9])[\"}(]");
  /** A refusal of a form: {@code texts.refusal(FIELD, "replyText")} uses {@code refusal.replyText}. */
  private static final Pattern REFUSAL = Pattern.compile("refusal\\([^,]+, \"([A-Za-z.]+)\"");
  private static final Pattern NOTIFY_EVENT = Pattern.compile("name=\"notifyEvent\">([^<]+)<");
  /** An escalation a diagram throws: its level cause is {@code cause.<code>}. */
  private static final Pattern ESCALATION_CODE = Pattern.compile("escalationCode=\"([A-Za-z]+)\"");

  static Set<String> usedKeys() throws IOException {
    Set<String> keys = new TreeSet<>();
    for (Path root : new Path[] {Path.of("src", "main", "java"), RESOURCES.resolve("templates")}) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String text = Files.readString(file);
          Matcher key = KEY.matcher(text);
          while (key.find()) {
            keys.add(key.group(1));
          }
          Matcher refusal = REFUSAL.matcher(text);
          while (refusal.find()) {
            keys.add("refusal." + refusal.group(1));
          }
        }
      }
    }
    try (Stream<Path> diagrams = Files.list(Path.of("bpmn"))) {
      for (Path diagram : diagrams.filter(file -> file.toString().endsWith(".bpmn")).toList()) {
        String xml = Files.readString(diagram);
        Matcher event = NOTIFY_EVENT.matcher(xml);
        while (event.find()) {
          keys.add("chat.event." + event.group(1).strip());
        }
        Matcher escalation = ESCALATION_CODE.matcher(xml);
        while (escalation.find()) {
          keys.add("cause." + escalation.group(1));
        }
      }
    }
    Arrays.stream(EscalationLevel.values()).forEach(level -> keys.add("level." + level.label()));
    Arrays.stream(TimelineEntry.Type.values()).forEach(type -> keys.add("audit.type." + type));
    Arrays.stream(OutboundAction.Status.values()).forEach(status -> keys.add("audit.entry.status." + status));
    keys.add("audit.entry.personalDataRemoved." + MentionRetention.RETENTION);
    keys.add("audit.entry.personalDataRemoved." + AuthorErasure.ERASURE);
    return keys;
  }

  private static Properties messages(String file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  @ParameterizedTest
  @ValueSource(strings = {"messages.properties", "messages_en.properties"})
  void everyKeyInUseHasItsTextInEachLanguage(String file) throws IOException {
    Set<String> used = usedKeys();
    assertThat(used).as("the scan finds the keys").contains("chat.openTask", "chat.event.level-2", "level.crisis",
        "refusal.fourEyes.writer", "refusal.replyText", "cause.triage", "cause.LineOverdue", "audit.entry.why.first",
        "audit.type.DEADLINE", "audit.zone");
    assertThat(messages(file).stringPropertyNames()).as(file).containsAll(used);
  }

  @Test
  void bothLanguagesHaveTheSameKeys() throws IOException {
    assertThat(messages("messages_en.properties").stringPropertyNames())
        .isEqualTo(messages("messages.properties").stringPropertyNames());
  }
}
