using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ProactiveSuite.ServiceDefaults.Http;

/// <summary>
/// An operator request's query values, read as text and parsed here. Bound as <c>int</c> or <c>bool</c> by
/// the framework, a value it cannot convert is an empty 400 before the endpoint runs; read here, it is
/// refused with the reason like every other bad value. The endpoint reads all it needs, then answers
/// <see cref="Problem"/> (the first one) when there is one.
/// </summary>
public sealed class QueryValues(IQueryCollection query)
{
    /// <summary>The first value that could not be used, phrased for the client; null while all could.</summary>
    public string? Problem { get; private set; }

    /// <returns>The value; null when absent or empty (an unset form field is sent empty).</returns>
    public string? Text(string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            // Which one was meant is unknown, and the framework would have joined them with commas.
            Refuse($"{name} is given more than once");
            return null;
        }

        return string.IsNullOrEmpty(values.ToString()) ? null : values.ToString();
    }

    /// <returns>The number, or <paramref name="absent"/>. Too many digits for a number reads as the largest
    /// (or smallest) one, so the endpoint's range rule names the range.</returns>
    public int WholeNumber(string name, int absent)
    {
        if (Text(name) is not { } text)
        {
            return absent;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            return text.StartsWith('-') ? int.MinValue : int.MaxValue;
        }

        Refuse($"{name} must be a whole number");
        return absent;
    }

    /// <returns>The flag, or false when absent.</returns>
    public bool Flag(string name)
    {
        if (Text(name) is not { } text)
        {
            return false;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        Refuse($"{name} must be true or false");
        return false;
    }

    private void Refuse(string problem) => Problem ??= problem;
}
