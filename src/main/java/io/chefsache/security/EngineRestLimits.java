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
 * What engine REST allows beyond the engine's authorizations, on every Jersey application (engine
 * REST and the webapps' own API; Jersey applies this to each, as {@code config.EngineRestRefusals}):
 * <ul>
 *   <li>Comments and attachments on tasks and processes are not part of Chefsache's record (forms
 *   are): the engine lets whoever may read a task's history add them, that is auditors and process
 *   owners, not the staff who work the task, and an attachment may be a link to anywhere that
 *   Camunda's apps show beside a crisis task. Only administrators write them.</li>
 *   <li>Works-council mode: the logs of who did what ({@code history/user-operation},
 *   {@code history/identity-link-log}) are the auditors' record; management, which reads the
 *   incidents' history for its work, would otherwise read them per person too.</li>
 * </ul>
 * Everyone else gets 403. Reading stays as the engine authorizes it.
 */
public class EngineRestLimits implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(NoteWrites.class)) {
      context.register(new NoteWrites());
    }
    if (!context.getConfiguration().isRegistered(PersonLogs.class)) {
      context.register(new PersonLogs());
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
      List<String> groups = groups();
      if (groups != null && !groups.contains(Groups.CAMUNDA_ADMIN)) {
        forbid(request, "Comments and attachments are not part of Chefsache's record (its forms are): only "
            + "administrators (camunda-admin) write them");
      }
    }
  }

  @Priority(Priorities.AUTHORIZATION)
  static class PersonLogs implements ContainerRequestFilter {

    private static final Pattern PER_PERSON = Pattern.compile("/?history/(user-operation|identity-link-log)(/.*)?");

    @Override
    public void filter(ContainerRequestContext request) {
      if (!PER_PERSON.matcher(request.getUriInfo().getPath()).matches()) {
        return;
      }
      List<String> groups = groups();
      if (groups != null && !groups.contains(Groups.CAMUNDA_ADMIN) && !groups.contains(Roles.AUDITORS)) {
        forbid(request, "Who did what, per person, is the auditors' record (works-council mode): only auditors "
            + "and administrators read these logs");
      }
    }
  }

  /**
   * The groups of the user the engine authenticated for this request, or {@code null} where the
   * engine has not (yet) been told who it is: then the engine's own authorizations decide alone.
   */
  private static List<String> groups() {
    ProcessEngine engine = ProcessEngines.getDefaultProcessEngine(false);
    Authentication user = engine == null ? null : engine.getIdentityService().getCurrentAuthentication();
    if (user == null) {
      return null;
    }
    return user.getGroupIds() == null ? List.of() : user.getGroupIds();
  }

  private static void forbid(ContainerRequestContext request, String why) {
    request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "AuthorizationException", "message", why)).build());
  }
}
