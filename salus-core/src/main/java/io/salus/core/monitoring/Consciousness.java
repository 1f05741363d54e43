package io.salus.core.monitoring;

/** The ACVPU scale of NEWS2: alert, or new confusion, voice, pain, unresponsive (any of which scores 3). */
public enum Consciousness {
    ALERT,
    NEW_CONFUSION,
    VOICE,
    PAIN,
    UNRESPONSIVE
}
