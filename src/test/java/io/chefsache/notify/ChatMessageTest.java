package io.chefsache.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ChatMessageTest {

  @Test
  void textFromOutsideCannotPingTheChannelOrForgeALink() {
    String message = ChatMessage.about("x:<!channel>", 3, "crisis", "Triage: <https://evil.example|Click> & more",
        "level-3", new ChatMessage.Link("Open the task: Write <b>", URI.create("https://chefsache.example/t")),
        URI.create("https://chefsache.example/i"));

    assertThat(message)
        .contains("incident x:&lt;!channel&gt;")
        .contains("Triage: &lt;https://evil.example|Click&gt; &amp; more")
        .contains("<https://chefsache.example/t|Open the task: Write &lt;b&gt;>")
        .doesNotContain("<!channel>").doesNotContain("<https://evil.example");
  }

  @Test
  void theEventReadsAsASentence() {
    assertThat(ChatMessage.sentence("holding-statement-overdue")).isEqualTo("Holding statement overdue");
  }
}
