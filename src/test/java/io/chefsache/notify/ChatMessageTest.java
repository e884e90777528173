package io.chefsache.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.config.Texts;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class ChatMessageTest {

  private static ChatMessage in(String language) {
    var messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return new ChatMessage(new Texts(messages, language));
  }

  @Test
  void textFromOutsideCannotPingTheChannelOrForgeALink() {
    var chat = in("en");
    String message = chat.about(chat.incident("x:<!channel>"), 3, "crisis", "Triage: <https://evil.example|Click> & more",
        "level-3", chat.task("Write <b>", URI.create("https://chefsache.example/t")), Optional.empty());

    assertThat(message)
        .contains("incident x:&lt;!channel&gt;")
        .contains("Triage: &lt;https://evil.example|Click&gt; &amp; more")
        .contains("<https://chefsache.example/t|Open the task: Write &lt;b&gt;>")
        .doesNotContain("<!channel>").doesNotContain("<https://evil.example")
        .as("no link to the record for a group that may not read it").doesNotContain(" · <");
  }

  @Test
  void theGroupsReadTheMessageInTheConfiguredLanguageGermanByDefault() {
    var chat = in("de");
    String message = chat.about(chat.incident("facebook:fb-1"), 2, "management", "Triage: viele negative Erwähnungen",
        "decision-overdue", chat.tasklist(URI.create("https://chefsache.example/t")),
        Optional.of(URI.create("https://chefsache.example/audit/incident?key=facebook%3Afb-1")));

    assertThat(message).startsWith("*Entscheidung der Geschäftsleitung überfällig: Stufe 3, der Krisenstab übernimmt* – Vorfall facebook:fb-1")
        .contains("Stufe 2 (Direkter Draht zur Geschäftsleitung)").contains("|Tasklist öffnen>")
        .endsWith(" · <https://chefsache.example/audit/incident?key=facebook%3Afb-1|Verlauf des Vorfalls>");
    assertThat(in("en").about(in("en").incident("facebook:fb-1"), 2, "management", "-", "decision-overdue",
        chat.tasklist(URI.create("https://chefsache.example/t")), Optional.empty()))
        .startsWith("*Management decision overdue: level 3, the crisis team takes over* – incident facebook:fb-1");
  }

  @Test
  void anEventAProcessOwnerAddedWithoutATextReadsAsASentence() {
    assertThat(in("de").eventText("press-inquiry-waiting")).isEqualTo("Press inquiry waiting");
  }
}
