package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.DiagramElement;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The diagrams read like the crisis plan: the level diagrams show in lanes who acts, and every user
 * task lies in the lane of the role its candidate group stands for (crew tasks in the crew's lane,
 * the deputy's in the crisis approvers' lane, and so on), checked for every diagram with lanes.
 */
class DiagramLanesTest {

  /** Candidate group, and the words the name of its lane contains. */
  private static final Map<String, String> LANE_OF_GROUP = Map.of(
      "social-media-crew", "crew",
      "management", "geschäftsleitung",
      "crisis-approvers", "krisenfreigabe",
      "crisis-team", "krisenstab");

  private static final Set<String> LEVEL_DIAGRAMS =
      Set.of("IncidentLevel1Crew", "IncidentLevel2Management", "IncidentLevel3Crisis");

  @Test
  void everyUserTaskLiesInTheLaneOfItsRoleAndTheLevelDiagramsHaveLanes() throws IOException {
    Resource[] diagrams = new PathMatchingResourcePatternResolver().getResources("classpath*:*.bpmn");
    Set<String> withLanes = new HashSet<>();
    int tasksChecked = 0;
    int nodesChecked = 0;

    for (Resource diagram : diagrams) {
      BpmnModelInstance model;
      try (InputStream in = diagram.getInputStream()) {
        model = Bpmn.readModelFromStream(in);
      }
      for (Process process : model.getModelElementsByType(Process.class)) {
        List<Lane> lanes = process.getLaneSets().stream().flatMap(set -> set.getLanes().stream()).toList();
        if (lanes.isEmpty()) {
          continue;
        }
        withLanes.add(process.getId());
        assertThat(model.getModelElementsByType(Participant.class))
            .as("the pool of " + process.getId())
            .anySatisfy(participant -> assertThat(participant.getProcess()).isEqualTo(process));
        assertThat(process.isExecutable()).as(process.getId() + " stays executable").isTrue();

        // the direct children of the process, as Camunda Modeler keeps them: each in one lane
        for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
          List<Lane> referencing = lanes.stream().filter(lane -> lane.getFlowNodeRefs().contains(node)).toList();
          if (node instanceof BoundaryEvent) {
            assertThat(referencing).as(node.getId() + " in at most one lane").hasSizeLessThanOrEqualTo(1);
          } else {
            assertThat(referencing).as(node.getId() + " in exactly one lane").hasSize(1);
            assertThat(lanesAroundTheMiddleOf(node, lanes)).as(node.getId() + " drawn in its lane").isEqualTo(referencing);
          }
          nodesChecked++;
        }

        // every user task, also those inside a sub-process, lies in the lane of its role
        for (UserTask task : process.getModelInstance().getModelElementsByType(UserTask.class)) {
          if (!processOf(task).equals(process)) {
            continue;
          }
          List<Lane> drawnIn = lanesDrawnAround(task, lanes);
          assertThat(drawnIn).as(task.getId() + " drawn inside exactly one lane").hasSize(1);
          String lane = drawnIn.get(0).getName().toLowerCase(Locale.ROOT);
          List<String> groups = candidateGroups(task);
          assertThat(groups).as(task.getId() + " has candidate groups").isNotEmpty();
          assertThat(groups)
              .as(task.getId() + " (" + groups + ") lies in lane '" + drawnIn.get(0).getName() + "'")
              .anySatisfy(group -> assertThat(lane).contains(LANE_OF_GROUP.getOrDefault(group, group)));
          tasksChecked++;
        }
      }
    }

    assertThat(withLanes).as("the level diagrams show who acts").containsAll(LEVEL_DIAGRAMS);
    assertThat(tasksChecked).isGreaterThanOrEqualTo(8);
    assertThat(nodesChecked).isGreaterThanOrEqualTo(40);
  }

  /** The lanes whose drawn band holds the middle of the node's shape (how Camunda Modeler assigns lanes). */
  private static List<Lane> lanesAroundTheMiddleOf(FlowNode node, List<Lane> lanes) {
    Bounds shape = bounds(node.getDiagramElement());
    double x = shape.getX() + shape.getWidth() / 2;
    double y = shape.getY() + shape.getHeight() / 2;
    return lanes.stream().filter(lane -> {
      Bounds band = bounds(lane.getDiagramElement());
      return x > band.getX() && x < band.getX() + band.getWidth() && y > band.getY() && y < band.getY() + band.getHeight();
    }).toList();
  }

  /** The lanes whose drawn band holds the whole shape of the node. */
  private static List<Lane> lanesDrawnAround(FlowNode node, List<Lane> lanes) {
    Bounds shape = bounds(node.getDiagramElement());
    return lanes.stream().filter(lane -> {
      Bounds band = bounds(lane.getDiagramElement());
      return shape.getX() >= band.getX() && shape.getY() >= band.getY()
          && shape.getX() + shape.getWidth() <= band.getX() + band.getWidth()
          && shape.getY() + shape.getHeight() <= band.getY() + band.getHeight();
    }).toList();
  }

  private static Bounds bounds(DiagramElement element) {
    assertThat(element).isInstanceOf(BpmnShape.class);
    return ((BpmnShape) element).getBounds();
  }

  private static Process processOf(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
    var parent = element.getParentElement();
    return parent instanceof Process process ? process : processOf(parent);
  }

  private static List<String> candidateGroups(UserTask task) {
    String groups = task.getCamundaCandidateGroups();
    return groups == null ? List.of() : Arrays.stream(groups.split(",")).map(String::trim).toList();
  }
}
