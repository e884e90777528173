package io.chefsache.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one shared application context of the test suite: the demo profile (its users) on a private
 * in-memory H2, real HTTP on a random port, outbound calls to the {@link OutboundStub}, metrics on,
 * job executor off, and an {@link IncidentDriver} to drive incidents step by step. Every test that
 * carries only this annotation reuses the same context. Wrong passwords are tried on {@code paul}
 * only (and on a user of {@code LoginLockoutTest}'s own): Camunda delays the next login of a user
 * after a failed one, which would break later tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@Import(IncidentDriver.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@ContextConfiguration(initializers = OutboundStub.class)
public @interface ChefsacheTest {
}
