package io.chefsache.escalation;

import io.chefsache.notify.OutboundAction;
import io.chefsache.support.ChefsacheTest;
import io.chefsache.support.IncidentDriver;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Process tests on the shared application context: the deployed diagrams, job executor off. */
@ChefsacheTest
abstract class EscalationTestBase {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IncidentDriver driver;

  @BeforeEach
  void initAssertions() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void resetAssertions() {
    AbstractAssertions.reset();
  }

  static List<String> kinds(List<OutboundAction> actions) {
    return actions.stream().map(action -> action.kind() + ":" + action.target()
        + (action.event() == null ? "" : ":" + action.event())).toList();
  }
}
