package io.kefu.sample;

import io.kefu.core.event.Queue;

/**
 * One agent of the simulated shop and the habits that make their figures differ. Every number is a
 * propensity the simulation draws against, so an agent's KPIs come out of behaviour rather than
 * being written down directly.
 *
 * @param id the platform account, e.g. {@code a-xiaomei}
 * @param name the nickname buyers see (小美)
 * @param team the team on the roster (售前一组 …)
 * @param queue which queue the platform routes to them
 * @param medianResponseSeconds typical time to answer a buyer turn; fast agents ~8 s, slow ~45 s
 * @param warmth probability of greeting, apologising to a complaint and closing politely
 * @param selling multiplier on the chance that an inquiry turns into an order (1 = average)
 * @param rudeness probability per session of one rude or dismissive line
 * @param overPromise probability per session of an absolute promise (保证明天到)
 * @param leak probability per session of leaking a third party's phone or address
 * @param missRate probability that a buyer turn is never answered
 * @param restDay the day of the week (1 = Monday … 7) the agent has off outside the peak
 */
record AgentProfile(
    String id,
    String name,
    String team,
    Queue queue,
    double medianResponseSeconds,
    double warmth,
    double selling,
    double rudeness,
    double overPromise,
    double leak,
    double missRate,
    int restDay) {

  /** One line of {@code roster.csv}, the shop's org chart that the events do not carry. */
  String csv() {
    return String.join(",", id, name, team, queue.wireName());
  }
}
