/**
 * Questions in English or Chinese to metric queries, and engine results back to answers.
 *
 * <p>No language model: parsing is deterministic and explainable, so a question either gets
 * the exact figure, a question back, or "not understood" with examples; never a plausible
 * wrong figure.
 *
 * <ul>
 *   <li>{@link io.salescope.bot.nlp.Vocabulary}: every phrase the parser knows, from the metric
 *       catalog (metric, dimension and value synonyms in both languages) and the warehouse
 *       (reps, teams, regions, products, industries, accounts, stages...), with forgiving
 *       variants, in one character trie. Chinese is also segmented with HanLP, whose custom
 *       dictionary is the vocabulary's Chinese phrases.</li>
 *   <li>{@link io.salescope.bot.nlp.QuestionParser}: time phrases first
 *       ({@code TimeExpressions}: fiscal quarters and years, relative periods, ranges,
 *       comparisons), then the longest known phrases of what is left, then the metric, the
 *       breakdown and ranking ({@code Ranking}), the filters, "my"/"我的", and the
 *       period. The result is a {@link io.salescope.warehouse.query.MetricQuery} and a
 *       restatement in the question's language.</li>
 *   <li>{@link io.salescope.bot.nlp.AnswerRenderer}: the engine's result as text in the
 *       question's language: figure, period in words and dates, scope, comparison, table,
 *       definition, or why there is no value.</li>
 * </ul>
 *
 * <p>Nothing entity-specific is written in this package: names come from the warehouse at
 * runtime, words for metrics and dimensions from the catalog.
 */
package io.salescope.bot.nlp;
