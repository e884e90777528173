package io.chefsache.diagrams;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the per-diagram tests: one diagram on an in-memory engine without Spring
 * ({@code diagram-tests.cfg.xml}), its delegates and listeners Mockito mocks registered under their
 * bean names with {@link Mocks#register}. Each subclass registers {@link #fullCoverage()} so that
 * the class fails unless its tests together pass every flow node and sequence flow of the diagram;
 * the report lands in {@code target/process-test-coverage/}.
 */
abstract class DiagramTest {

  static final String ENGINE_CONFIGURATION = "diagram-tests.cfg.xml";

  private static ProcessEngine engine;

  /**
   * The engine of the per-diagram tests, with coverage recorded and 100 % demanded of the class.
   * Stubs deployed under the keys of called diagrams are left out: their real diagrams have tests of
   * their own.
   */
  static ProcessEngineCoverageExtension fullCoverage(String... stubbedProcessKeys) {
    return ProcessEngineCoverageExtension.builder(ENGINE_CONFIGURATION).assertClassCoverageAtLeast(1.0)
        .excludeProcessDefinitionKeys(stubbedProcessKeys).build();
  }

  @BeforeEach
  void initAssertions(ProcessEngine processEngine) {
    engine = processEngine;
    AbstractAssertions.init(processEngine);
  }

  @AfterEach
  void resetMocksAndAssertions() {
    Mocks.reset();
    AbstractAssertions.reset();
  }

  /**
   * The Spring tests run in the same Surefire JVM; the test engine leaves the JVM-wide registry so
   * that nothing listing the engines (REST, webapps) sees it. The engine itself stays cached for
   * the next diagram class.
   */
  @AfterAll
  static void leaveEngineRegistry() {
    if (engine != null) {
      ProcessEngines.unregister(engine);
    }
  }
}
