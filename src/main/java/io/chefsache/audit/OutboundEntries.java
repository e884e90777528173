package io.chefsache.audit;

import static io.chefsache.audit.IncidentTimeline.CHEFSACHE;

import io.chefsache.notify.OutboundAction;
import io.chefsache.notify.OutboundActions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What Chefsache sent for an incident (replies, hidden mentions, notifications, paused posts) with the
 * platform's answer: the outbound actions.
 */
@Component
class OutboundEntries {

  private final OutboundActions outbound;

  OutboundEntries(OutboundActions outbound) {
    this.outbound = outbound;
  }

  void add(String incidentKey, List<TimelineEntry> entries, TimelineText say) {
    outbound.actionsOf(incidentKey).forEach(action -> entries.add(entry(action, say)));
  }

  private static TimelineEntry entry(OutboundAction action, TimelineText say) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", action.target());
    details.put("event", action.event());
    details.put("inReplyTo", action.inReplyTo());
    details.put("text", action.body());
    details.put("status", action.status().name());
    details.put("httpStatus", action.httpStatus());
    details.put("platformRef", action.platformRef());
    details.put("answer", action.answer());
    TimelineEntry.Type type = TimelineEntry.Type.valueOf(action.kind().name());
    String what = switch (action.kind()) {
      case REPLY -> say.text("audit.entry.reply", action.target());
      case HIDE -> say.text("audit.entry.hide", action.target());
      case NOTIFY -> say.text("audit.entry.notify", say.groupNames(List.of(action.target())), action.event());
      case FREEZE -> say.text("pause".equals(action.event()) ? "audit.entry.postsPaused" : "audit.entry.postsResumed");
    };
    String status = say.text("audit.entry.status." + action.status().name());
    return new TimelineEntry(action.createdAt(), type, CHEFSACHE, action.platformRef() == null
        ? say.text("audit.entry.outbound", what, status)
        : say.text("audit.entry.outboundWithId", what, status, action.platformRef()), details);
  }
}
