package org.vmstate4j.engine.edit;

import org.vmstate4j.engine.VmStateException;

/** An edit that cannot be applied: a path that does not exist, or a value that does not fit. */
public class StreamEditException extends VmStateException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public StreamEditException(String path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  /** The path of the edit, as the user gave it. */
  public String path() {
    return path;
  }
}
