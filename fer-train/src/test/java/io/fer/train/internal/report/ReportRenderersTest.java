package io.fer.train.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class ReportRenderersTest {
    private static final Table TABLE = Table.builder("class", "note", "f1").right(2)
            .row("a|b", "two\nlines", "0.50").row("c", "", "1.00").build();

    @Test
    void markdownAlignsEscapesAndKeepsEmptyCells() {
        String md = new Markdown().heading(2, "Scores").table(TABLE).raw("\n").image("Chart", "c.png").text();
        assertThat(md).isEqualTo("## Scores\n\n| class | note | f1 |\n|---|---|---:|\n| a\\|b | two lines | 0.50 |\n"
                + "| c |  | 1.00 |\n\n![Chart](c.png)\n");
    }

    @Test
    void aBlankHeaderIsAKeyValueTable() {
        String md = new Markdown().table(Table.builder("", "").row("model", "B0").build()).text();
        assertThat(md).isEqualTo("| | |\n|---|---|\n| model | B0 |\n");
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndIgnoresAlignment() {
        assertThat(Csv.render(TABLE)).isEqualTo("class,note,f1\na|b,\"two\nlines\",0.50\nc,,1.00\n");
    }

    @Test
    void jsonWritesNullForNonFiniteNumbers() {
        JsonObject o = new JsonObject();
        o.add("loss", JsonText.number(Double.NaN));
        o.add("accuracy", JsonText.number(0.5));
        assertThat(JsonText.render(o)).isEqualTo("{\n  \"loss\": null,\n  \"accuracy\": 0.5\n}\n");
    }

    @Test
    void aRowOfTheWrongWidthIsNamed() {
        assertThatThrownBy(() -> Table.builder("a", "b").row("only").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[only]")
                .hasMessageContaining("2 columns");
        assertThatThrownBy(() -> new Markdown().heading(7, "x")).hasMessageContaining("1..6, got 7");
    }
}
