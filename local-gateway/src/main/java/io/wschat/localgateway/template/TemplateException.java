package io.wschat.localgateway.template;

/** A template the local gateway cannot run: it says which file and which part. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }
}
