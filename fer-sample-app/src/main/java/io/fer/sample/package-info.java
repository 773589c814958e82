/**
 * A sample application that embeds fer-core alone and ships as one shaded jar.
 */
package io.fer.sample;
