package io.chefsache.config;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Engine REST answers a task listener's refusal (a form that is incomplete, a four-eyes violation) with
 * 400 and the listener's own message. Camunda wraps whatever a task listener throws into a plain
 * {@code ProcessEngineException}, which its task resource answers with 500, as if the server had failed.
 *
 * <p>Jersey applies this to each of its applications (listed in {@code META-INF/services}): the engine
 * REST API under {@code /engine-rest} and the webapps' own API that Tasklist submits forms through,
 * which Camunda's webapps configure themselves. A variable in Java serialization (which Chefsache
 * prohibits) is bad input too: 400. A claim of a task a colleague has claimed is a 409.
 */
public class EngineRestRefusals implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(RefusalMapper.class)) {
      context.register(new RefusalMapper());
    }
    if (!context.getConfiguration().isRegistered(AlreadyClaimedMapper.class)) {
      context.register(new AlreadyClaimedMapper());
    }
  }

  /** A colleague claimed the task first: a conflict to show, not a failure of the server (Camunda: 500). */
  static class AlreadyClaimedMapper implements ExceptionMapper<TaskAlreadyClaimedException> {

    @Override
    public Response toResponse(TaskAlreadyClaimedException exception) {
      return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ExceptionDto.fromException(exception)).build();
    }
  }

  /** Ahead of Camunda's own mapper of the same exception type, which handles everything else. */
  @Priority(Priorities.USER - 1000)
  static class RefusalMapper implements ExceptionMapper<RestException> {

    /** Camunda's code for a variable in Java serialization, which Chefsache does not accept: bad input. */
    private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      if (exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
          if (cause instanceof BadUserRequestException
              || cause.getMessage() != null && cause.getMessage().startsWith(JAVA_SERIALIZATION_PROHIBITED)) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ExceptionDto.fromException(cause)).build();
          }
        }
      }
      return camunda.toResponse(exception);
    }
  }
}
