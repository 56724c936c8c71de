package io.github.tapbitrix24.discover;

/** A stream discovery left out of the catalog, and why (the text of its stderr line). */
public record Omission(String stream, String reason) {
}
