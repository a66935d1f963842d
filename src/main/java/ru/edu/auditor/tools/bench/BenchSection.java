package ru.edu.auditor.tools.bench;

/**
 * One part of {@code ./auditor bench}. A section measures in the run's shared conditions (the servers, documents
 * and load generator of {@link Bench}) and adds its ratios (printed first) and details. To add a benchmark line,
 * write a class implementing this and register it in {@link Benchmark#SECTIONS}.
 */
public interface BenchSection {
    /** The short name for {@code --only}, e.g. "http". */
    String id();

    /** Whether the section runs in {@code --quick} mode (a run of a few minutes). */
    default boolean quick() { return true; }

    void run(Bench bench) throws Exception;
}
