package io.chefsache.diagrams;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.chefsache.escalation.DueDates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests of the three level diagrams, which publish and notify alike: the publishing and
 * notifying delegates record what they were given ({@link #published}, {@link #notified}), and due
 * dates follow the engine's clock.
 */
abstract class LevelDiagramTest extends DiagramTest {

  final JavaDelegate publishReply = mock(JavaDelegate.class);
  final JavaDelegate notifyGroup = mock(JavaDelegate.class);
  final DueDates dueDates = mock(DueDates.class);
  final List<String> published = new ArrayList<>();
  final List<String> notified = new ArrayList<>();

  @BeforeEach
  void registerPublishingAndNotifying() throws Exception {
    Mocks.register("publishReplyDelegate", publishReply);
    Mocks.register("notifyGroupDelegate", notifyGroup);
    Mocks.register("dueDates", dueDates);
    Mocks.register("outboundRetryCycle", "R3/PT5M");
    when(dueDates.after(anyString()))
        .thenAnswer(call -> Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.parse(call.getArgument(0)))));
    doAnswer(call -> {
      published.add((String) call.<DelegateExecution>getArgument(0).getVariableLocal("publishText"));
      return null;
    }).when(publishReply).execute(any());
    doAnswer(call -> {
      DelegateExecution execution = call.getArgument(0);
      notified.add(execution.getVariableLocal("notifyGroup") + ":" + execution.getVariableLocal("notifyEvent"));
      return null;
    }).when(notifyGroup).execute(any());
  }
}
