/**
 * The tuning lab's engine: grids of settings, sweeps measured on a prompt set, expected-vs-measured
 * figures with the gap explained, recommendations, and the CSV/JSON files the CLI writes and the
 * window reads. Nothing here knows JavaFX.
 */
package io.cascadelab.tune;
