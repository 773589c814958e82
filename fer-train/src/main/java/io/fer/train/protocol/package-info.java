/**
 * Evaluation protocols: stratified random split, subject k-fold, leave-one-subject-out, explicit test set and
 * cross-dataset.
 */
package io.fer.train.protocol;
