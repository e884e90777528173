package io.chefsache.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Comments and attachments on tasks and processes are not part of Chefsache's record (forms are): the
 * engine lets whoever may read a task's history add them, that is auditors and process owners, not
 * the staff who work the task, and an attachment may be a link to anywhere that Camunda's apps show
 * beside a crisis task. Only administrators write them; everyone else gets 403 on every engine REST
 * application (Jersey applies this to each, as {@code config.EngineRestRefusals}). Reading stays as
 * the engine authorizes it.
 */
public class TaskNotes implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(NoteWrites.class)) {
      context.register(new NoteWrites());
    }
  }

  @Priority(Priorities.AUTHORIZATION)
  static class NoteWrites implements ContainerRequestFilter {

    private static final Pattern COMMENT = Pattern.compile("/?(task|process-instance)(/[^/]+)?/comment(/.*)?");
    private static final Pattern ATTACHMENT = Pattern.compile("/?task/[^/]+/attachment(/.*)?");
    private static final Set<String> READING = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public void filter(ContainerRequestContext request) {
      String path = request.getUriInfo().getPath();
      if (READING.contains(request.getMethod())
          || !COMMENT.matcher(path).matches() && !ATTACHMENT.matcher(path).matches()) {
        return;
      }
      ProcessEngine engine = ProcessEngines.getDefaultProcessEngine(false);
      Authentication user = engine == null ? null : engine.getIdentityService().getCurrentAuthentication();
      List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
      if (!groups.contains(Groups.CAMUNDA_ADMIN)) {
        request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", "AuthorizationException", "message", "Comments and attachments are not part of "
                + "Chefsache's record (its forms are): only administrators (camunda-admin) write them")).build());
      }
    }

  }
}
