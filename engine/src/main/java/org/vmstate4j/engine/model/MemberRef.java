package org.vmstate4j.engine.model;

/** A named member of the owner object that another field reads: a count or a size. */
public record MemberRef(String name, FieldAccessor accessor) {}
