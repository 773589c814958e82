package io.fer.models.weights;

/** Whether {@link ImageNetWeights} may fetch a missing weights file from the network. */
public enum DownloadPolicy {
    /** Missing files are an error naming the URL and the path to put the file at. */
    OFFLINE,
    /** Missing files are downloaded (and verified) into the cache folder. */
    ALLOWED
}
