namespace Bourse.Domain.Risk.Configuration;

/// <summary>One party on the sanctions list.</summary>
public sealed class SanctionedParty
{
    /// <summary>The entry's id on its list (recorded with a match), unique in the rule set.</summary>
    /// <value>No default: required.</value>
    public string Id { get; set; } = "";

    /// <summary>The name as listed.</summary>
    /// <value>No default: required, with at least one letter or digit.</value>
    public string Name { get; set; } = "";

    /// <summary>Other names of the same party (spellings, transliterations, the name in its own script).</summary>
    /// <value>The default value is no alias.</value>
    public IList<string> Aliases { get; } = [];
}
