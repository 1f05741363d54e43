package io.salus.core.scores;

/** Diabetes (type 1 or 2) in the family, as FINDRISC asks it. */
public enum FamilyHistory {
    NONE,
    /** Grandparent, aunt, uncle or first cousin (but no own parent, sibling or child). */
    SECOND_DEGREE,
    /** Parent, sibling or own child. */
    FIRST_DEGREE
}
