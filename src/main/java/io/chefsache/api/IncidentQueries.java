package io.chefsache.api;

import io.chefsache.escalation.IncidentProcess;
import io.chefsache.escalation.IncidentVariables;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Incidents as integrators see them, read from the engine's history as the calling user: Camunda's
 * authorizations decide what they may see.
 */
@Service
class IncidentQueries {

  private static final String[] SHOWN = {IncidentVariables.LEVEL, IncidentVariables.LEVEL_NAME,
      IncidentVariables.LEVEL_CAUSE, IncidentVariables.MENTION_COUNT, IncidentVariables.NEGATIVE_MENTIONS_60M,
      IncidentVariables.HIGHEST_REACH, IncidentVariables.LOWEST_SENTIMENT, IncidentVariables.TOPICS,
      IncidentVariables.PRESS_INVOLVED};

  record Figures(Long mentionCount, Long negativeMentions60m, Long highestReach, Double lowestSentiment,
      List<String> topics, Boolean pressInvolved) {
  }

  record OpenTask(String id, String name, List<String> candidateGroups, String assignee, Date due, int priority) {
  }

  /** A reply as the platform published it: {@code platformRef} is the platform's id of it. */
  record PublishedReply(String platform, String platformRef, String text, Instant publishedAt) {
  }

  record Incident(String incidentKey, String processInstanceId, String status, Integer level, String levelName,
      String levelCause, Date openedAt, Date closedAt, Figures figures, List<OpenTask> openTasks,
      List<PublishedReply> publishedReplies) {
  }

  record Page(List<Incident> items, int page, int size, long total) {
  }

  private final HistoryService historyService;
  private final TaskService taskService;
  private final OutboundActions outbound;

  IncidentQueries(HistoryService historyService, TaskService taskService, OutboundActions outbound) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.outbound = outbound;
  }

  Page list(Integer level, String status, int page, int size) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.PROCESS_KEY);
    if (level != null) {
      query.variableValueEquals(IncidentVariables.LEVEL, level);
    }
    if ("open".equals(status)) {
      query.unfinished();
    } else if ("closed".equals(status)) {
      query.finished();
    }
    long total = query.count();
    List<HistoricProcessInstance> instances = query.orderByProcessInstanceStartTime().desc()
        .listPage(page * size, size);
    Map<String, Map<String, Object>> variables = variables(instances);
    List<Incident> items = instances.stream()
        .map(instance -> incident(instance, variables.getOrDefault(instance.getId(), Map.of()), null, null))
        .toList();
    return new Page(items, page, size, total);
  }

  Optional<Incident> find(String incidentKey) {
    return historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentProcess.PROCESS_KEY)
        .processInstanceBusinessKey(incidentKey)
        .orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).stream().findFirst()
        .map(instance -> incident(instance, variables(List.of(instance)).getOrDefault(instance.getId(), Map.of()),
            openTasks(incidentKey), publishedReplies(incidentKey)));
  }

  private Map<String, Map<String, Object>> variables(List<HistoricProcessInstance> instances) {
    if (instances.isEmpty()) {
      return Map.of();
    }
    return historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(SHOWN)
        .list().stream()
        .filter(variable -> variable.getValue() != null)
        .collect(Collectors.groupingBy(HistoricVariableInstance::getProcessInstanceId,
            Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> b)));
  }

  private List<OpenTask> openTasks(String incidentKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(incidentKey).orderByTaskCreateTime().asc().list()
        .stream().map(this::openTask).toList();
  }

  private List<PublishedReply> publishedReplies(String incidentKey) {
    return outbound.actionsOf(incidentKey).stream()
        .filter(action -> action.kind() == OutboundAction.Kind.REPLY && action.status() == OutboundAction.Status.SENT)
        .map(reply -> new PublishedReply(reply.target(), reply.platformRef(), reply.body(), reply.createdAt()))
        .toList();
  }

  private OpenTask openTask(Task task) {
    List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    return new OpenTask(task.getId(), task.getName(), groups, task.getAssignee(), task.getDueDate(), task.getPriority());
  }

  private static Incident incident(HistoricProcessInstance instance, Map<String, Object> v, List<OpenTask> tasks,
      List<PublishedReply> replies) {
    String topics = (String) v.get(IncidentVariables.TOPICS);
    var figures = new Figures(number(v.get(IncidentVariables.MENTION_COUNT)),
        number(v.get(IncidentVariables.NEGATIVE_MENTIONS_60M)), number(v.get(IncidentVariables.HIGHEST_REACH)),
        (Double) v.get(IncidentVariables.LOWEST_SENTIMENT),
        topics == null || topics.isEmpty() ? List.of() : Arrays.asList(topics.split(",")),
        (Boolean) v.get(IncidentVariables.PRESS_INVOLVED));
    return new Incident(instance.getBusinessKey(), instance.getId(), instance.getEndTime() == null ? "open" : "closed",
        (Integer) v.get(IncidentVariables.LEVEL), (String) v.get(IncidentVariables.LEVEL_NAME),
        (String) v.get(IncidentVariables.LEVEL_CAUSE), instance.getStartTime(), instance.getEndTime(), figures, tasks,
        replies);
  }

  private static Long number(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }
}
