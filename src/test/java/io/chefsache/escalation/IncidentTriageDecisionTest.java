package io.chefsache.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chefsache.support.ChefsacheTest;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of DMN IncidentTriage, and that the highest level wins where several match. */
@ChefsacheTest
class IncidentTriageDecisionTest {

  @Autowired
  DecisionService decisions;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      shitstorm                      | 100 | false | customer-service              | -0.9 | 800    | 3 | Shitstorm: 100 oder mehr negative Erwähnungen in 60 Minuten
      shitstorm beats everything     | 250 | true  | product-safety                | -1.0 | 900000 | 3 | Shitstorm: 100 oder mehr negative Erwähnungen in 60 Minuten
      press with volume              | 20  | true  | press                         | -0.4 | 52000  | 3 | Presse beteiligt und 20 oder mehr negative Erwähnungen in 60 Minuten
      product safety, negative       | 1   | false | product-safety,customer-service | -0.7 | 340  | 2 | Heikles Thema (Produktsicherheit, Datenschutz, Recht, Diskriminierung) mit negativer Stimmung
      data privacy, negative         | 1   | false | data-privacy                  | -0.1 | 10     | 2 | Heikles Thema (Produktsicherheit, Datenschutz, Recht, Diskriminierung) mit negativer Stimmung
      legal, negative                | 1   | false | legal                         | -0.5 | 10     | 2 | Heikles Thema (Produktsicherheit, Datenschutz, Recht, Diskriminierung) mit negativer Stimmung
      discrimination, negative       | 1   | false | discrimination                | -0.3 | 10     | 2 | Heikles Thema (Produktsicherheit, Datenschutz, Recht, Diskriminierung) mit negativer Stimmung
      high reach, clearly negative   | 1   | false | customer-service              | -0.5 | 50000  | 2 | Verfasser:in mit 50.000 oder mehr Reichweite, deutlich negativ
      volume                         | 20  | false | customer-service              | -0.6 | 300    | 2 | 20 oder mehr negative Erwähnungen in 60 Minuten
      press alone                    | 0   | true  | press                         | 0.1  | 300    | 2 | Presse beteiligt
      question                       | 0   | false | customer-service              | 0.1  | 300    | 1 | Beschwerde oder Frage an den Kundenservice
      product safety, positive       | 0   | false | product-safety,customer-service | 0.5 | 300   | 1 | Beschwerde oder Frage an den Kundenservice
      high reach, mildly negative    | 0   | false | customer-service              | -0.4 | 60000  | 1 | Beschwerde oder Frage an den Kundenservice
      complaint without topic        | 0   | false | ''                            | -0.6 | 300    | 1 | Negative Erwähnung (Beschwerde)
      spam                           | 0   | false | spam                          | 0.0  | 720    | 0 | Spam
      spam, negative                 | 0   | false | spam                          | -0.6 | 720    | 0 | Spam
      praise                         | 0   | false | ''                            | 0.8  | 300    | 0 | Lob oder neutrales Rauschen
      unknown sentiment              | 0   | false | ''                            | null | 300    | 0 | Lob oder neutrales Rauschen
      unknown sentiment, sensitive   | 0   | false | product-safety                | null | 300    | 0 | Lob oder neutrales Rauschen
      """)
  void triage(String situation, long negative60m, boolean press, String topics, Double sentiment, long reach,
      int level, String reason) {
    var figures = new IncidentFigures(negative60m + 1, negative60m, reach, sentiment,
        topics.isEmpty() ? List.of() : Arrays.asList(topics.split(",")), press);

    DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey("IncidentTriage", figures.toVariables())
        .getSingleResult();

    assertThat((Integer) result.getEntry("level")).isEqualTo(level);
    assertThat((String) result.getEntry("reason")).isEqualTo(reason);
  }
}
