package io.kefu.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** METRICS.md: satisfied is a score of 4 or 5, dissatisfied 1 or 2; 3 is neither. */
class RatingTest {

  @Test
  void satisfiedAndDissatisfiedScores() {
    StringBuilder s = new StringBuilder();
    for (int score = 1; score <= 5; score++) {
      s.append(Rating.satisfied(score) ? 'S' : Rating.dissatisfied(score) ? 'D' : '-');
    }
    assertEquals("DD-SS", s.toString());
  }
}
