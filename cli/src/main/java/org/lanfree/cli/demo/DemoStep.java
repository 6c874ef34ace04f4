package org.lanfree.cli.demo;

/** One section of the demo's story. */
public interface DemoStep {

    /** What the step shows, in the operator's words: the heading of its section. */
    String title();

    /**
     * Does the step and tells what happened through {@link DemoContext#say}; may add a section
     * to the summary. A failure ends the story (the cleanup steps still run).
     */
    void run(DemoContext context) throws Exception;
}
