/**
 * Datasets: JAFFE, CK+, CK+48, class folders and train/test folders, with summaries of what was read and skipped.
 */
package io.fer.train.data;
