using ProactiveSuite.Cli.Surveys;
using ProactiveSuite.Contracts.Surveys;

namespace ProactiveSuite.Tests.Cli;

/// <summary>How `proactive survey --question` reads a question: text alone, or text and choices after bars.</summary>
public sealed class SurveyQuestionReaderTests
{
    [Fact]
    public void Text_alone_is_free_text_and_bars_make_a_choice_question_numbered_in_order()
    {
        var questions = SurveyQuestionReader.Read(["How was lunch? | Great | OK | Bad", "Anything to add?"]);

        Assert.Equal(2, questions.Count);
        Assert.Equal(("q1", "How was lunch?", SurveyQuestionTypes.Choice), (questions[0].Id, questions[0].Text, questions[0].Type));
        Assert.Equal(["Great", "OK", "Bad"], questions[0].Choices!);
        Assert.Equal(("q2", "Anything to add?", SurveyQuestionTypes.FreeText, (IReadOnlyList<string>?)null), (questions[1].Id, questions[1].Text, questions[1].Type, questions[1].Choices));
    }
}
