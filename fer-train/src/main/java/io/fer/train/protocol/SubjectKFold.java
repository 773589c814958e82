package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Subject-independent k-fold cross-validation: every subject's samples land in exactly one test fold, so no person
 * (and no recording sequence) is ever seen in both training and testing.
 *
 * <p>Subjects are dealt to folds greedily, largest first: each goes to the fold whose per-class counts it brings
 * closest (least squared error) to the class totals divided by k, ties to the smaller fold; then single moves and
 * pairwise swaps of subjects between folds are made while they lower that error. That keeps the class mix of the
 * folds about as even as whole subjects allow. The seed orders subjects of equal size, so a different seed
 * gives a different but equally balanced assignment; the same dataset and seed always give the same folds.
 */
public final class SubjectKFold implements Protocol {

    /** The usual number of folds. */
    public static final int DEFAULT_FOLDS = 10;

    private final int k;
    private final long seed;

    /**
     * @param k number of folds, at least 2
     * @param seed orders subjects of equal size
     */
    public SubjectKFold(int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("subject k-fold needs at least 2 folds, got " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    public int k() {
        return k;
    }

    @Override
    public String description() {
        return "subject-independent " + k + "-fold (seed " + seed + ")";
    }

    @Override
    public List<Fold> folds(Dataset dataset) {
        SampleGroups.requireLabelsInClasses(dataset);
        Map<String, List<Sample>> bySubject = SampleGroups.bySubject(dataset, "subject-kfold:" + k);
        if (bySubject.size() < k) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' has " + bySubject.size()
                    + " subjects, fewer than the " + k + " folds asked for; use fewer folds or loso");
        }
        List<List<Sample>> testSets = assign(dataset, bySubject);

        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            Set<Sample> test = Collections.newSetFromMap(new IdentityHashMap<>());
            test.addAll(testSets.get(f));
            String name = "fold " + (f + 1) + "/" + k;
            folds.add(new Fold(name,
                    dataset.subset(dataset.name() + " " + name + " train",
                            dataset.samples().stream().filter(s -> !test.contains(s)).toList()),
                    dataset.subset(dataset.name() + " " + name + " test",
                            dataset.samples().stream().filter(test::contains).toList())));
        }
        return folds;
    }

    /** The test samples of each fold (in no particular order). */
    private List<List<Sample>> assign(Dataset dataset, Map<String, List<Sample>> bySubject) {
        int classes = dataset.classes().size();
        double[] target = new double[classes];
        dataset.samples().forEach(s -> target[dataset.classIndex(s.label())] += 1.0 / k);

        List<String> subjects = new ArrayList<>(bySubject.keySet());
        Collections.shuffle(subjects, new Random(seed));
        // stable: the shuffle decides among subjects of equal size
        subjects.sort(Comparator.comparingInt((String s) -> bySubject.get(s).size()).reversed());
        int[][] profile = new int[subjects.size()][classes];
        for (int i = 0; i < subjects.size(); i++) {
            for (Sample s : bySubject.get(subjects.get(i))) {
                profile[i][dataset.classIndex(s.label())]++;
            }
        }

        int[] foldOf = new int[subjects.size()];
        double[][] deviation = new double[k][classes]; // fold's class count minus its target
        int[] subjectsIn = new int[k];
        int[] sizes = new int[k];
        for (double[] d : deviation) {
            for (int c = 0; c < classes; c++) {
                d[c] = -target[c];
            }
        }
        for (int i = 0; i < subjects.size(); i++) {
            int best = 0;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int f = 0; f < k; f++) {
                double cost = joinCost(profile[i], deviation[f]);
                if (cost < bestCost - EPSILON || (cost <= bestCost + EPSILON && sizes[f] < sizes[best])) {
                    best = f;
                    bestCost = cost;
                }
            }
            foldOf[i] = best;
            move(profile[i], null, deviation[best]);
            subjectsIn[best]++;
            sizes[best] += bySubject.get(subjects.get(i)).size();
        }
        refine(profile, foldOf, deviation, subjectsIn);

        List<List<Sample>> testSets = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            testSets.add(new ArrayList<>());
        }
        for (int i = 0; i < subjects.size(); i++) {
            testSets.get(foldOf[i]).addAll(bySubject.get(subjects.get(i)));
        }
        for (int f = 0; f < k; f++) {
            if (testSets.get(f).isEmpty()) {
                // cannot happen with at least k subjects (an empty fold always costs least), but never test on nothing
                throw new IllegalStateException("fold " + (f + 1) + "/" + k + " of dataset '" + dataset.name()
                        + "' received no subject");
            }
        }
        return testSets;
    }

    /**
     * Local search after the greedy deal: moves single subjects and swaps pairs between folds while that lowers the
     * total squared deviation from the targets. Greedy alone can strand a fold short of a class that only large
     * subjects carry; a few exchanges fix that. A fold is never emptied.
     */
    private void refine(int[][] profile, int[] foldOf, double[][] deviation, int[] subjectsIn) {
        int n = profile.length;
        for (int pass = 0; pass < MAX_REFINE_PASSES; pass++) {
            boolean improved = false;
            for (int i = 0; i < n; i++) {
                int from = foldOf[i];
                for (int to = 0; to < k && subjectsIn[from] > 1; to++) {
                    if (to != from && moveCost(profile[i], deviation[from], deviation[to]) < -EPSILON) {
                        move(profile[i], deviation[from], deviation[to]);
                        subjectsIn[from]--;
                        subjectsIn[to]++;
                        foldOf[i] = to;
                        from = to;
                        improved = true;
                    }
                }
                for (int j = i + 1; j < n; j++) {
                    int a = foldOf[i];
                    int b = foldOf[j];
                    if (a != b && swapCost(profile[i], profile[j], deviation[a], deviation[b]) < -EPSILON) {
                        move(profile[i], deviation[a], deviation[b]);
                        move(profile[j], deviation[b], deviation[a]);
                        foldOf[i] = b;
                        foldOf[j] = a;
                        improved = true;
                    }
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    private static final double EPSILON = 1e-9;
    private static final int MAX_REFINE_PASSES = 50;

    /** Growth of sum_c deviation_c^2 when a subject joins a fold. */
    private static double joinCost(int[] subject, double[] deviation) {
        double cost = 0;
        for (int c = 0; c < subject.length; c++) {
            cost += subject[c] * (2 * deviation[c] + subject[c]);
        }
        return cost;
    }

    /** Change of the total squared deviation when a subject moves from one fold to another. */
    private static double moveCost(int[] subject, double[] from, double[] to) {
        double cost = 0;
        for (int c = 0; c < subject.length; c++) {
            cost += 2 * subject[c] * (to[c] - from[c] + subject[c]);
        }
        return cost;
    }

    /** Change of the total squared deviation when subject s (in fold a) and subject u (in fold b) trade places. */
    private static double swapCost(int[] s, int[] u, double[] a, double[] b) {
        double cost = 0;
        for (int c = 0; c < s.length; c++) {
            int d = u[c] - s[c]; // what fold a gains
            cost += 2 * d * (a[c] - b[c]) + 2.0 * d * d;
        }
        return cost;
    }

    private static void move(int[] subject, double[] from, double[] to) {
        for (int c = 0; c < subject.length; c++) {
            if (from != null) {
                from[c] -= subject[c];
            }
            to[c] += subject[c];
        }
    }
}
