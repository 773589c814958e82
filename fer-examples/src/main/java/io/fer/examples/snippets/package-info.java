/**
 * The Java examples of README.md, compiled by the build; README quotes them verbatim (checked by a test).
 */
package io.fer.examples.snippets;
