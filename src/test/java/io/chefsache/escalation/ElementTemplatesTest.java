package io.chefsache.escalation;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import io.chefsache.support.OutboundStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The element templates a process owner picks in Camunda Modeler ({@code .camunda/element-templates})
 * make working tasks: each template is applied to a service task the way the Modeler applies it, the
 * diagram is deployed and run, and the call reaches WireMock.
 */
class ElementTemplatesTest extends EscalationTestBase {

  private static final Path TEMPLATES = Path.of(".camunda", "element-templates");
  /** The binding types the Camunda 7 element template schema knows. */
  private static final Set<String> BINDINGS = Set.of("property", "camunda:property", "camunda:inputParameter",
      "camunda:outputParameter", "camunda:in", "camunda:out", "camunda:in:businessKey", "camunda:executionListener",
      "camunda:field", "camunda:errorEventDefinition");
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  @Autowired
  OutboundActions outbound;

  private final ObjectMapper json = new ObjectMapper();
  private Deployment deployment;

  @BeforeEach
  @AfterEach
  void everyCallSucceeds() {
    OutboundStub.reset();
  }

  @AfterEach
  void undeploy() {
    if (deployment != null) {
      driver.undeploy(deployment.getId());
    }
  }

  @Test
  void publishReplyMakesATaskThatPublishesTheGivenText() throws IOException {
    JsonNode template = template("publish-reply.json");
    String incidentKey = "mastodon:template-" + System.nanoTime();

    String id = run(template, Map.of("publishText", "${replyText}"), incidentKey, Map.of(
        "incidentKey", incidentKey, "platform", "mastodon", "mentionId", "1100", "replyText", "From a template"));

    var post = OutboundStub.server().findAll(postRequestedFor(urlPathEqualTo(OutboundStub.MASTODON_STATUSES)));
    assertThat(post).hasSize(1);
    assertThat(json.readTree(post.get(0).getBodyAsString()).get("status").asText()).isEqualTo("From a template");
    assertThat(outbound.actionsOf(incidentKey)).extracting(OutboundAction::kind, OutboundAction::platformRef)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboundAction.Kind.REPLY, "110000000000000001"));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).finished().count())
        .isEqualTo(1);
  }

  @Test
  void notifyGroupMakesATaskThatPostsToTheChosenGroupsChat() throws IOException {
    JsonNode template = template("notify-group.json");
    String incidentKey = "facebook:template-" + System.nanoTime();

    run(template, Map.of("notifyGroup", "crisis-team", "notifyEvent", "press-inquiry"), incidentKey, Map.of(
        "incidentKey", incidentKey, "level", 2, "levelName", "management", "levelCause", "Press asked"));

    var post = OutboundStub.server().findAll(postRequestedFor(urlPathEqualTo(OutboundStub.chatPath("crisis-team"))));
    assertThat(post).hasSize(1);
    assertThat(json.readTree(post.get(0).getBodyAsString()).get("text").asText())
        .startsWith("*Press inquiry* – Vorfall " + incidentKey).contains("Press asked");
  }

  @Test
  void everyTemplateUsesOnlyBindingsTheModelerKnowsAndHasAUniqueId() throws IOException {
    try (var files = Files.list(TEMPLATES)) {
      var templates = files.map(this::read).toList();
      assertThat(templates).hasSizeGreaterThanOrEqualTo(2);
      assertThat(templates).extracting(template -> template.get("id").asText()).doesNotHaveDuplicates();
      for (JsonNode template : templates) {
        assertThat(template.get("$schema").asText()).contains("element-templates-json-schema");
        assertThat(template.get("appliesTo")).extracting(JsonNode::asText).containsExactly("bpmn:ServiceTask");
        template.get("properties").forEach(property ->
            assertThat(property.get("binding").get("type").asText()).isIn(BINDINGS));
      }
    }
  }

  /** Applies the template to a service task as the Modeler does, deploys the diagram and runs it. */
  private String run(JsonNode template, Map<String, String> entered, String businessKey, Map<String, Object> variables) {
    BpmnModelInstance model = Bpmn.createExecutableProcess("ElementTemplateTry").camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("Task_FromTemplate").endEvent().done();
    ServiceTask task = model.getModelElementById("Task_FromTemplate");
    Map<String, String> inputs = new HashMap<>();
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      String name = binding.get("name").asText();
      String value = entered.getOrDefault(name, property.path("value").asText(null));
      assertThat(value).as("value for " + name).isNotNull();
      switch (binding.get("type").asText()) {
        case "property" -> task.setAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()), value);
        case "camunda:inputParameter" -> inputs.put(name, value);
        default -> throw new AssertionError("binding not applied by this test: " + binding);
      }
    }
    inputs.forEach((name, value) -> task.builder().camundaInputParameter(name, value));
    deployment = engine.getRepositoryService().createDeployment().addModelInstance("template-try.bpmn", model).deploy();

    String id = engine.getRuntimeService().startProcessInstanceByKey("ElementTemplateTry", businessKey, variables)
        .getId();
    assertThat(driver.job(driver.instance(id), "Task_FromTemplate")).as("asynchronous before the call").isNotNull();
    driver.runJobs(id);
    return id;
  }

  private JsonNode template(String file) {
    return read(TEMPLATES.resolve(file));
  }

  private JsonNode read(Path file) {
    try {
      return json.readTree(file.toFile());
    } catch (IOException unreadable) {
      throw new AssertionError(file + " is not JSON", unreadable);
    }
  }
}
