package io.salus.core.study;

/**
 * A study's life at its coordinating node: RUNNING (rounds in progress) → TRAINED (the final model staged as the
 * deal's package, released by its settlement), or FAILED with the reason.
 */
public enum StudyState {
    RUNNING,
    TRAINED,
    FAILED
}
