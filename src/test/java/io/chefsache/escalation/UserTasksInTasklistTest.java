package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** What Tasklist needs from every user task in the diagrams, checked for diagrams added later too. */
class UserTasksInTasklistTest {

  @Test
  void theGroupsOfEveryUserTaskMayReadTheColumnsOfItsProcess() throws IOException {
    Resource[] diagrams = new PathMatchingResourcePatternResolver().getResources("classpath*:*.bpmn");
    assertThat(diagrams).isNotEmpty();

    for (Resource diagram : diagrams) {
      try (InputStream in = diagram.getInputStream()) {
        for (UserTask task : Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class)) {
          String process = processOf(task).getId();
          for (String group : candidateGroups(task)) {
            assertThat(TasklistFilters.PROCESSES_WITH_TASKS_OF.getOrDefault(group, List.of()))
                .as(group + " may read the instances of " + process + " (" + task.getId() + ")")
                .contains(process);
          }
        }
      }
    }
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    return parent instanceof Process process ? process : processOf(parent);
  }

  private static List<String> candidateGroups(UserTask task) {
    String groups = task.getCamundaCandidateGroups();
    return groups == null ? List.of() : Arrays.stream(groups.split(",")).map(String::trim).toList();
  }
}
