package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** The rows of DMN ResponseDeadlines become the deadlines the diagrams read by step. */
class DeadlinesByStepListenerTest {

  private final DelegateExecution execution = mock(DelegateExecution.class);

  @Test
  void theLevelsRowsBecomeOneDeadlinePerStep() {
    when(execution.getVariable("deadlineRows")).thenReturn(List.of(
        Map.of("step", "responseDue", "due", "PT30M"), Map.of("step", "responseReminder", "due", "PT20M")));

    new DeadlinesByStepListener().notify(execution);

    verify(execution).setVariable("deadlines", Map.of("responseDue", "PT30M", "responseReminder", "PT20M"));
    verify(execution).removeVariable("deadlineRows");
  }

  @Test
  void twoRowsForOneStepStopTheTaskNamingStepAndLevel() {
    when(execution.getVariable("deadlineRows")).thenReturn(List.of(
        Map.of("step", "responseDue", "due", "PT30M"), Map.of("step", "responseDue", "due", "PT10M")));
    when(execution.getVariable("level")).thenReturn(2);

    assertThatThrownBy(() -> new DeadlinesByStepListener().notify(execution))
        .hasMessageContaining("responseDue").hasMessageContaining("level 2");
    verify(execution, never()).setVariable("deadlines", Map.of("responseDue", "PT30M"));
  }

  @Test
  void aRowOfTheEarlierOneRowPerLevelFormStopsTheTaskSayingWhatARowNeeds() {
    when(execution.getVariable("deadlineRows")).thenReturn(List.of(Map.of("responseDue", "PT30M")));
    when(execution.getVariable("level")).thenReturn(1);

    assertThatThrownBy(() -> new DeadlinesByStepListener().notify(execution))
        .hasMessageContaining("row without a step at level 1");
  }
}
