package io.chefsache.replay;

import java.nio.file.Path;

/** The README's sample: a broken e-bike fork on Facebook spilling over to six platforms. */
class ReplayIT extends ReplayContract {

  @Override
  Path sample() {
    return Path.of("src/test/resources/sample-shitstorm.jsonl");
  }

  @Override
  String storyTopic() {
    return "product-safety";
  }
}
