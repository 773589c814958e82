/**
 * ImageNet weights for the backbones: looked up in the cache or, when allowed, downloaded and MD5-verified.
 */
package io.fer.models.weights;
