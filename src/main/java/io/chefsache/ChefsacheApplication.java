package io.chefsache;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@EnableProcessApplication("chefsache")
@ConfigurationPropertiesScan
public class ChefsacheApplication {
  public static void main(String[] args) {
    SpringApplication.run(ChefsacheApplication.class, args);
  }
}
