package io.chefsache.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * The Camunda Form of a task as the person saw it, so that the timeline names what they entered
 * with the form's labels ("Entscheidung: Freigeben") instead of variable names and values. The form
 * is the one the task's diagram references ({@code camunda:formRef}) in the diagram's deployment;
 * a form that cannot be found leaves the variable names.
 */
@Component
class TaskForms {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RepositoryService repository;
  private final Map<String, Optional<Form>> byDeploymentAndRef = new ConcurrentHashMap<>();

  TaskForms(RepositoryService repository) {
    this.repository = repository;
  }

  /** A field of a form: its label, whether people could edit it, the labels of its choices. */
  record Field(String label, boolean editable, Map<String, String> choices) {
  }

  /** A form's fields by variable name. */
  record Form(Map<String, Field> fields) {
  }

  Optional<Form> of(String processDefinitionId, String taskDefinitionKey) {
    if (processDefinitionId == null || taskDefinitionKey == null) {
      return Optional.empty();
    }
    if (!(repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskDefinitionKey)
        instanceof UserTask task) || task.getCamundaFormRef() == null) {
      return Optional.empty();
    }
    String deploymentId = repository.getProcessDefinition(processDefinitionId).getDeploymentId();
    return byDeploymentAndRef.computeIfAbsent(deploymentId + "/" + task.getCamundaFormRef(),
        key -> read(deploymentId, task.getCamundaFormRef()));
  }

  private Optional<Form> read(String deploymentId, String formRef) {
    for (String resource : repository.getDeploymentResourceNames(deploymentId)) {
      if (!resource.endsWith(".form")) {
        continue;
      }
      try (InputStream in = repository.getResourceAsStream(deploymentId, resource)) {
        JsonNode form = JSON.readTree(in);
        if (formRef.equals(form.path("id").asText())) {
          Map<String, Field> fields = new LinkedHashMap<>();
          collect(form, fields);
          return Optional.of(new Form(fields));
        }
      } catch (IOException unreadable) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The fields of a component and of the groups inside it. */
  private static void collect(JsonNode component, Map<String, Field> fields) {
    if (component.hasNonNull("key")) {
      Map<String, String> choices = new LinkedHashMap<>();
      component.path("values").forEach(choice -> choices.put(choice.path("value").asText(),
          choice.path("label").asText()));
      boolean editable = !component.path("readonly").asBoolean(false) && !component.path("disabled").asBoolean(false);
      fields.put(component.get("key").asText(), new Field(component.path("label").asText(component.get("key")
          .asText()), editable, choices));
    }
    component.path("components").forEach(child -> collect(child, fields));
  }
}
