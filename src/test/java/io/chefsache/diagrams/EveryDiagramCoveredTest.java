package io.chefsache.diagrams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every diagram in bpmn/ has its per-diagram test ({@code <Diagram>DiagramTest}) that deploys it and
 * registers the coverage extension of {@link DiagramTest#fullCoverage}: a new diagram without one
 * fails the build instead of going unmeasured.
 */
class EveryDiagramCoveredTest {

  @Test
  void everyDiagramHasATestDemandingFullCoverage() throws Exception {
    List<String> diagrams = diagrams();
    assertThat(diagrams).hasSizeGreaterThanOrEqualTo(8);

    for (String diagram : diagrams) {
      Class<?> test = Class.forName(DiagramTest.class.getPackageName() + "." + diagram + "DiagramTest");
      assertThat(test).as(test.getSimpleName()).isAssignableTo(DiagramTest.class);
      assertThat(test.getAnnotation(Deployment.class).resources()).as(test.getSimpleName())
          .contains(diagram + ".bpmn");
      assertThat(test.getDeclaredFields()).as(test.getSimpleName()).anySatisfy(this::isCoverageExtension);
    }
  }

  private void isCoverageExtension(Field field) {
    assertThat(field.getType()).isEqualTo(ProcessEngineCoverageExtension.class);
    assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
    assertThat(field.isAnnotationPresent(RegisterExtension.class)).isTrue();
  }

  private static List<String> diagrams() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".bpmn"))
          .map(name -> name.substring(0, name.length() - ".bpmn".length())).sorted().toList();
    }
  }
}
