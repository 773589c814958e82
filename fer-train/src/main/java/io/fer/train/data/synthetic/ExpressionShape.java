package io.fer.train.data.synthetic;

import io.fer.core.Expression;

/**
 * How far an expression moves each facial feature away from the person's relaxed (neutral) face, loosely after the
 * action units of FACS. Distances are in face units (the face is about 2 units wide); positive "raise" and "lift"
 * values move up, and positive "in" values move towards the midline.
 *
 * @param browInnerRaise inner brow ends up (sadness, fear, surprise) or down (anger, disgust)
 * @param browOuterRaise outer brow ends up or down
 * @param browInnerIn inner brow ends drawn together
 * @param browArch extra arch of the brow (surprise) or flattening (fear)
 * @param eyeOpen upper lid up (wide eyes) or down (narrowed)
 * @param lowerLidRaise lower lid pushed up (happy cheeks, disgust, anger)
 * @param mouthWidth mouth corners pulled out (smile, fear) or in (surprise, anger)
 * @param cornerLift both lip corners up (smile) or down (sadness)
 * @param contemptLift extra lift of one corner (contempt)
 * @param contemptWiden that corner pulled out as well
 * @param mouthOpen gap between the lips
 * @param mouthDrop jaw drop: mouth centre moves down
 * @param mouthRound 0 a flat slit-shaped mouth, 1 a round "O"
 * @param upperTeeth how much the upper teeth show in the opening (0..1)
 * @param lowerTeeth how much the lower teeth show (0..1)
 * @param upperLipRaise upper lip centre raised away from the lower (disgust)
 * @param lipPress lips pressed thin (anger, 0..1)
 * @param lowerLipPout lower lip pushed up and out (sadness, 0..1)
 * @param noseWrinkle wrinkles across the nose bridge (disgust, 0..1)
 * @param nostrilRaise nostrils pulled up
 * @param nasolabial depth of the nose-to-mouth folds (0..1)
 * @param cheekRaise raised, rounder cheeks (happy, 0..1)
 * @param foreheadWrinkle horizontal forehead lines (surprise, fear, 0..1)
 * @param glabellaWrinkle vertical lines between the brows (anger, 0..1)
 * @param chinRaise chin boss pushed up (sadness, 0..1)
 */
record ExpressionShape(
        double browInnerRaise, double browOuterRaise, double browInnerIn, double browArch,
        double eyeOpen, double lowerLidRaise,
        double mouthWidth, double cornerLift, double contemptLift, double contemptWiden,
        double mouthOpen, double mouthDrop, double mouthRound, double upperTeeth, double lowerTeeth,
        double upperLipRaise, double lipPress, double lowerLipPout,
        double noseWrinkle, double nostrilRaise, double nasolabial, double cheekRaise,
        double foreheadWrinkle, double glabellaWrinkle, double chinRaise) {

    static final ExpressionShape NEUTRAL = new ExpressionShape(
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The full (apex) form of an expression. Cues are deliberately strong so that classes stay learnable. */
    static ExpressionShape apex(Expression expression) {
        return switch (expression) {
            case NEUTRAL -> NEUTRAL;
            // AU6+12(+25): cheeks up, eyes narrowed from below, wide upturned smile showing upper teeth.
            case HAPPY -> new ExpressionShape(
                    0.01, 0.02, 0, 0, -0.03, 0.035,
                    0.12, 0.15, 0, 0,
                    0.09, 0.02, 0, 1, 0, 0, 0, 0,
                    0, 0.01, 0.9, 1, 0, 0, 0);
            // AU1+2+5+26: brows high and arched, eyes wide, jaw dropped into a round open mouth.
            case SURPRISE -> new ExpressionShape(
                    0.17, 0.15, 0, 0.05, 0.06, -0.01,
                    -0.17, 0, 0, 0,
                    0.34, 0.10, 1, 0.15, 0, 0, 0, 0,
                    0, 0, 0, 0, 1, 0, 0);
            // AU1+4+15+17: inner brows up and together, corners down, chin raised under a pushed-up lower lip.
            case SADNESS -> new ExpressionShape(
                    0.16, -0.08, 0.04, -0.02, -0.03, 0,
                    -0.04, -0.15, 0, 0,
                    0, 0, 0, 0, 0, 0, 0.2, 0.8,
                    0, 0, 0.2, 0, 0.25, 0.2, 1);
            // AU4+5+7+23/24: brows down and together, glaring eyes, lips pressed thin.
            case ANGER -> new ExpressionShape(
                    -0.17, 0.03, 0.08, -0.02, 0.0, 0.035,
                    -0.10, -0.04, 0, 0,
                    0, 0, 0, 0, 0, 0, 1, 0,
                    0.15, 0.015, 0.3, 0, 0, 1, 0.7);
            // AU1+2+4+5+20+25: brows raised but drawn together and flat, eyes wide, mouth stretched sideways, ajar.
            case FEAR -> new ExpressionShape(
                    0.15, 0.10, 0.06, -0.05, 0.065, -0.005,
                    0.12, -0.06, 0, 0,
                    0.15, 0.04, 0, 0.6, 1, 0, 0.3, 0,
                    0, 0, 0.35, 0, 0.7, 0.5, 0);
            // AU9+10(+4): nose wrinkled, upper lip raised off the upper teeth, brows lowered, eyes narrowed.
            case DISGUST -> new ExpressionShape(
                    -0.07, -0.04, 0.03, 0, -0.03, 0.04,
                    -0.02, -0.06, 0, 0,
                    0.03, 0, 0, 0.9, 0, 0.08, 0, 0,
                    1, 0.04, 1, 0.5, 0, 0.5, 0.3);
            // AU12+14 on one side: one lip corner raised and tightened, the rest relaxed.
            case CONTEMPT -> new ExpressionShape(
                    0, 0.01, 0, 0, -0.01, 0.01,
                    0, 0, 0.22, 0.08,
                    0, 0, 0, 0, 0, 0, 0.3, 0,
                    0, 0, 0.3, 0, 0, 0, 0);
        };
    }

    /** This shape at a fraction of its strength ({@code 0} gives neutral, {@code 1} the apex). */
    ExpressionShape times(double f) {
        return new ExpressionShape(
                browInnerRaise * f, browOuterRaise * f, browInnerIn * f, browArch * f,
                eyeOpen * f, lowerLidRaise * f,
                mouthWidth * f, cornerLift * f, contemptLift * f, contemptWiden * f,
                mouthOpen * f, mouthDrop * f, mouthRound * f, upperTeeth * f, lowerTeeth * f,
                upperLipRaise * f, lipPress * f, lowerLipPout * f,
                noseWrinkle * f, nostrilRaise * f, nasolabial * f, cheekRaise * f,
                foreheadWrinkle * f, glabellaWrinkle * f, chinRaise * f);
    }
}
