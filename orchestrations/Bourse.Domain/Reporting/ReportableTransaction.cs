using Bourse.Domain.Risk;

namespace Bourse.Domain.Reporting;

/// <summary>
/// One transaction that the risk rules flagged for the regulator, with what a report says about its customer. Built from
/// the flags and the risk decision stored for the order (the decision's subject is the customer as the rules saw it).
/// </summary>
/// <param name="OrderId">The order (or transaction) id; the report's reference for it.</param>
/// <param name="AccountId">The account it ran on.</param>
/// <param name="CustomerId">The customer who owns the account.</param>
/// <param name="CustomerType">Individual or corporate (a person or an organization in the report).</param>
/// <param name="CustomerName">The customer's name as on file: "given family" for individuals, the legal name otherwise.</param>
/// <param name="CustomerCountry">ISO 3166-1 alpha-2 country of the customer.</param>
/// <param name="Channel">How the money moved.</param>
/// <param name="Notional">The money at stake, in the transaction's currency.</param>
/// <param name="InstrumentId">The instrument of a securities order.</param>
/// <param name="Side">Buy or sell, for a securities order.</param>
/// <param name="EvaluatedAt">When the rules judged it: the transaction's date in the report.</param>
/// <param name="Flags">Why it is reportable: at least one.</param>
public sealed record ReportableTransaction(
    string OrderId,
    string AccountId,
    string CustomerId,
    CustomerType CustomerType,
    string CustomerName,
    string CustomerCountry,
    TransactionChannel Channel,
    Money Notional,
    string? InstrumentId,
    OrderSide? Side,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<ReportableFlag> Flags);

/// <summary>One rule's reason to report a transaction.</summary>
/// <param name="RuleId">The rule (<see cref="RiskRuleIds"/>).</param>
/// <param name="ReasonCode">Its reason code (<see cref="RiskReasonCodes"/>): what the formats select and classify on.</param>
/// <param name="Detail">The rule's sentence, for the narrative.</param>
public sealed record ReportableFlag(string RuleId, string ReasonCode, string Detail);
