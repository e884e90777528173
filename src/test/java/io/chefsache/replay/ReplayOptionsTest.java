package io.chefsache.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The replay command's options: the defaults a fresh clone needs, and a clear refusal of a wrong one. */
class ReplayOptionsTest {

  @Test
  void withoutOptionsItReplaysTheSampleAgainstTheLocalDemo() {
    var options = ReplayCommand.Options.parse();

    assertThat(options.file()).isEqualTo(Path.of("src/test/resources/sample-shitstorm.jsonl")).exists();
    assertThat(options.url()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(options.speed()).isEqualTo(60);
    assertThat(options.settle()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.secret()).startsWith("whsec_");
  }

  @Test
  void optionsAreReadAndAWrongOneIsNamed() {
    var options = ReplayCommand.Options.parse("--speed", "0", "--url", "http://localhost:8391", "--senders", "2");

    assertThat(options.speed()).isZero();
    assertThat(options.url().getPort()).isEqualTo(8391);
    assertThat(options.senders()).isEqualTo(2);
    assertThatThrownBy(() -> ReplayCommand.Options.parse("--sped", "0")).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--sped");
    assertThatThrownBy(() -> ReplayCommand.Options.parse("--speed", "fast"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("fast");
  }
}
