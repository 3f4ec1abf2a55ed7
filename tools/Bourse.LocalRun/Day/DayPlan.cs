using System.Globalization;
using Bourse.BackOfficeApi.Contracts;
using Bourse.Domain.Risk;
using Bourse.LocalStack;
using Bourse.Orchestrations;
using Bourse.Orchestrations.OrderToClearing;

namespace Bourse.LocalRun.Day;

/// <summary>Why an order is in the day: what it shows of the back office.</summary>
internal enum DayScenario
{
    /// <summary>Ordinary flow around the reference price: most cross and fill, some partly, some rest.</summary>
    Flow,

    /// <summary>A resting order its trader cancels a few seconds later.</summary>
    TraderCancel,

    /// <summary>An individual's order at or above the large-value threshold, and the corporate order it trades with:
    /// flagged for reporting, not rejected.</summary>
    LargeValue,

    /// <summary>Three orders of one customer just below the large-value threshold: the third is flagged as structuring.</summary>
    Structuring,

    /// <summary>A customer on the sanctions list (as an alias, spelt differently): rejected.</summary>
    Sanctioned,

    /// <summary>A customer in a rejected jurisdiction: rejected.</summary>
    RejectedJurisdiction,

    /// <summary>A price far from the reference price (a fat finger): rejected by the price check.</summary>
    FatFinger,

    /// <summary>A good-till-date order resting past its expiry: expired by the saga's timer.</summary>
    Expiring,

    /// <summary>A market order: it trades at once with what rests, the engine cancels the rest; never rejected.</summary>
    Market,

    /// <summary>A corporate's large orders beyond its daily notional limit: the last is rejected.</summary>
    OverDailyLimit,
}

/// <summary>One order of the day.</summary>
/// <param name="Scenario">Why it is there.</param>
/// <param name="Request">What is posted.</param>
/// <param name="ExpiresIn">For <see cref="DayScenario.Expiring"/>: how long after its submission it expires.</param>
/// <param name="CancelAfter">When its trader cancels it, after its submission; <see langword="null"/>: never (the end of
/// the session cancels what still rests).</param>
/// <param name="SendTwice">Whether the client posts it a second time (a retry after a lost answer): the API must answer
/// with the same order and start nothing.</param>
internal sealed record DayOrder(DayScenario Scenario, SubmitOrderRequest Request, TimeSpan? ExpiresIn, TimeSpan? CancelAfter, bool SendTwice);

/// <summary>A request the API must refuse with 400 naming <paramref name="Field"/>.</summary>
internal sealed record BadRequest(string What, string Body, string Field);

/// <summary>
/// The day: who trades (accounts and their owners), and a deterministic sequence of orders for a seed — ordinary flow
/// over several instruments and, mixed into it, the cases compliance and operations care about.
/// </summary>
internal sealed class DayPlan
{
    private const int FirstIndividual = 3001;
    private const int Individuals = 30;
    private const int FirstCorporate = 3031;
    private const int Corporates = 6;

    private DayPlan(IReadOnlyList<DayOrder> orders, IReadOnlyList<BadRequest> badRequests)
    {
        Orders = orders;
        BadRequests = badRequests;
    }

    /// <summary>The accounts: 30 individuals and 6 corporates in China, and four that risk must stop or flag.</summary>
    public static IReadOnlyList<SeedAccount> Accounts { get; } =
    [
        .. Enumerable.Range(FirstIndividual, Individuals).Select(n => new SeedAccount(
            Id(n), $"C{n}", CustomerType.Individual, $"Individual Trader {n}", "CN", 5_000_000m, 50_000)),
        .. Enumerable.Range(FirstCorporate, Corporates).Select(n => new SeedAccount(
            Id(n), $"C{n}", CustomerType.Corporate, $"Huaxia Capital {n} Co Ltd", "CN", 60_000_000m, 500_000)),
        // On the local sanctions list as "I. P. Sidorov" (an alias) and "Golden Crescent Trading LLC".
        new SeedAccount(SanctionedIndividual, "C3037", CustomerType.Individual, "SIDOROV, Ivan Petrovich", "CN", 1_000_000m, 10_000),
        new SeedAccount(SanctionedCorporate, "C3038", CustomerType.Corporate, "Golden Crescent Trading, L.L.C.", "AE", 10_000_000m, 10_000),
        new SeedAccount(RejectedCountry, "C3039", CustomerType.Individual, "Pak Chol", "KP", 1_000_000m, 10_000),
        new SeedAccount(FlaggedCountry, "C3040", CustomerType.Individual, "Aung Min", "MM", 1_000_000m, 10_000),
    ];

    private const string SanctionedIndividual = "3037";
    private const string SanctionedCorporate = "3038";
    private const string RejectedCountry = "3039";
    private const string FlaggedCountry = "3040";

    /// <summary>The units the users live in (their <c>regionCode</c>).</summary>
    private static readonly string[] Regions = ["SH", "SZ", "BJ"];

    /// <summary>The orders, in submission order.</summary>
    public IReadOnlyList<DayOrder> Orders { get; }

    /// <summary>Requests the API must refuse (each names its field).</summary>
    public IReadOnlyList<BadRequest> BadRequests { get; }

    /// <summary>About <paramref name="count"/> orders (the special cases come in pairs and triples) for a seed.</summary>
    public static DayPlan Create(int count, int seed, IReadOnlyList<LocalInstrument> instruments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 40);
        var random = new Random(seed);
        var groups = new List<List<DayOrder>>();
        var builder = new OrderBuilder(instruments, random);

        void Repeat(int times, Func<List<DayOrder>> make)
        {
            for (var i = 0; i < times; i++)
            {
                groups.Add(make());
            }
        }

        Repeat(Math.Max(3, count / 30), builder.LargeValue);
        Repeat(Math.Max(1, count / 150), builder.Structuring);
        Repeat(Math.Max(1, count / 200), builder.OverDailyLimit);
        Repeat(Math.Max(2, count / 60), builder.Sanctioned);
        Repeat(Math.Max(1, count / 100), builder.RejectedJurisdiction);
        Repeat(Math.Max(2, count / 50), builder.FatFinger);
        Repeat(Math.Max(2, count / 75), builder.Expiring);
        Repeat(Math.Max(4, count / 10), builder.TraderCancel);
        Repeat(Math.Max(2, count / 40), builder.Market);
        var special = groups.Sum(g => g.Count);
        Repeat(Math.Max(0, count - special), builder.Flow);

        // Shuffle whole groups: a structuring triple or a large order and its counterparty stay in their order, and the
        // cases are spread over the day.
        var shuffled = groups.OrderBy(_ => random.Next()).SelectMany(g => g).ToList();
        return new DayPlan(shuffled, BadRequestsFor(instruments[0]));
    }

    private static string Id(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<BadRequest> BadRequestsFor(LocalInstrument instrument)
    {
        string Body(string members) => "{" + members + "}";
        var price = instrument.ReferencePrice.ToString(CultureInfo.InvariantCulture);
        var common = $"\"accountId\":\"{Id(FirstIndividual)}\",\"userId\":\"u{FirstIndividual}\",\"regionCode\":\"SH\",\"side\":\"buy\",\"type\":\"limit\",\"timeInForce\":\"gtc\"";
        var instrumentId = instrument.Id.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("malformed JSON", "{\"clientOrderId\": \"bad-1\", ", "body"),
            new("zero quantity", Body($"\"clientOrderId\":\"bad-2\",{common},\"instrument\":{instrumentId},\"price\":{price},\"quantity\":0"), "quantity"),
            new("negative quantity", Body($"\"clientOrderId\":\"bad-3\",{common},\"instrument\":{instrumentId},\"price\":{price},\"quantity\":-100"), "quantity"),
            new("quantity as a string", Body($"\"clientOrderId\":\"bad-4\",{common},\"instrument\":{instrumentId},\"price\":{price},\"quantity\":\"100\""), "quantity"),
            new("unknown instrument", Body($"\"clientOrderId\":\"bad-5\",{common},\"instrument\":999999,\"price\":{price},\"quantity\":100"), "instrument"),
            new("price off the tick", Body($"\"clientOrderId\":\"bad-6\",{common},\"instrument\":{instrumentId},\"price\":{price}5,\"quantity\":100"), "price"),
            new("misspelt member", Body($"\"clientOrderId\":\"bad-7\",{common},\"instrument\":{instrumentId},\"price\":{price},\"quantiy\":100"), "quantiy"),
            new("missing client order id", Body($"{common},\"instrument\":{instrumentId},\"price\":{price},\"quantity\":100"), "clientOrderId"),
            new("unknown account", Body($"\"clientOrderId\":\"bad-9\",\"accountId\":\"9999\",\"userId\":\"u9999\",\"regionCode\":\"SH\",\"side\":\"buy\",\"type\":\"limit\",\"timeInForce\":\"gtc\",\"instrument\":{instrumentId},\"price\":{price},\"quantity\":100"), "accountId"),
        ];
    }

    /// <summary>Makes the orders of each scenario; numbers client order ids in creation order.</summary>
    private sealed class OrderBuilder(IReadOnlyList<LocalInstrument> instruments, Random random)
    {
        private int _next;

        public List<DayOrder> Flow()
        {
            var instrument = instruments[random.Next(instruments.Count)];
            var corporate = random.Next(8) == 0;
            var account = corporate ? FirstCorporate + random.Next(Corporates) : FirstIndividual + random.Next(Individuals);
            if (!corporate && random.Next(40) == 0)
            {
                account = int.Parse(FlaggedCountry, CultureInfo.InvariantCulture);
            }

            var buy = random.Next(2) == 0;
            // Buyers bid from 2 ticks under to 3 over the reference, sellers offer from 3 under to 2 over: most orders
            // meet one of the other side, some rest until a later one comes (or the session ends).
            var ticks = buy ? random.Next(-2, 4) : random.Next(-3, 3);
            var lots = corporate ? random.Next(2, 21) : random.Next(1, 6);
            var timeInForce = random.Next(7) == 0 ? TimeInForce.Ioc : TimeInForce.Gtc;
            return [Order(DayScenario.Flow, account, instrument, buy, instrument.ReferencePrice + (ticks * instrument.TickSize), lots * instrument.LotSize, timeInForce, sendTwice: random.Next(20) == 0)];
        }

        public List<DayOrder> Market()
        {
            var instrument = instruments[random.Next(instruments.Count)];
            var buy = random.Next(2) == 0;
            var order = Order(DayScenario.Market, FirstIndividual + random.Next(Individuals), instrument, buy, 0m, instrument.LotSize * random.Next(1, 3), TimeInForce.Ioc);
            // As a trader sends it: no price, no time in force (a market order is immediate or cancel).
            return [order with { Request = order.Request with { Type = OrderType.Market, Price = null, TimeInForce = null } }];
        }

        public List<DayOrder> TraderCancel()
        {
            var instrument = instruments[random.Next(instruments.Count)];
            var buy = random.Next(2) == 0;
            // 3 % away from the reference: nothing of the day's flow reaches it.
            var price = Round(instrument.ReferencePrice * (buy ? 0.97m : 1.03m), instrument.TickSize);
            var order = Order(DayScenario.TraderCancel, FirstIndividual + random.Next(Individuals), instrument, buy, price, instrument.LotSize * random.Next(1, 4), TimeInForce.Gtc);
            return [order with { CancelAfter = TimeSpan.FromSeconds(random.Next(3, 12)) }];
        }

        public List<DayOrder> LargeValue()
        {
            // 600 000 CNY and more: at or above the individual domestic threshold (500 000).
            var instrument = instruments.MaxBy(i => i.ReferencePrice)!;
            var lots = (long)Math.Ceiling(600_000m / (instrument.ReferencePrice * instrument.LotSize)) + random.Next(0, 2);
            var quantity = lots * instrument.LotSize;
            var buyer = FirstIndividual + random.Next(Individuals);
            var seller = FirstCorporate + random.Next(Corporates);
            return
            [
                Order(DayScenario.LargeValue, buyer, instrument, buy: true, instrument.ReferencePrice, quantity, TimeInForce.Gtc),
                Order(DayScenario.LargeValue, seller, instrument, buy: false, instrument.ReferencePrice, quantity, TimeInForce.Gtc),
            ];
        }

        public List<DayOrder> Structuring()
        {
            // Each about 470 000 CNY: within 10 % under the individual threshold; three within the window is the pattern.
            var instrument = instruments.OrderBy(i => i.ReferencePrice).Skip(1).First();
            var quantity = (long)Math.Floor(470_000m / (instrument.ReferencePrice * instrument.LotSize)) * instrument.LotSize;
            var customer = FirstIndividual + random.Next(Individuals);
            var seller = FirstCorporate + random.Next(Corporates);
            var orders = new List<DayOrder>();
            for (var i = 0; i < 3; i++)
            {
                orders.Add(Order(DayScenario.Structuring, customer, instrument, buy: true, instrument.ReferencePrice, quantity, TimeInForce.Gtc));
                orders.Add(Order(DayScenario.Structuring, seller, instrument, buy: false, instrument.ReferencePrice, quantity, TimeInForce.Gtc));
            }

            return orders;
        }

        public List<DayOrder> OverDailyLimit()
        {
            // Four orders of about 1.6 M CNY each from one corporate: over the 5 M daily notional limit on the fourth.
            var instrument = instruments.MaxBy(i => i.ReferencePrice)!;
            var quantity = (long)Math.Ceiling(1_600_000m / (instrument.ReferencePrice * instrument.LotSize)) * instrument.LotSize;
            var account = FirstCorporate + random.Next(Corporates);
            var price = Round(instrument.ReferencePrice * 0.98m, instrument.TickSize);
            return [.. Enumerable.Range(0, 4).Select(_ => Order(DayScenario.OverDailyLimit, account, instrument, buy: true, price, quantity, TimeInForce.Gtc))];
        }

        public List<DayOrder> Sanctioned()
        {
            var instrument = instruments[random.Next(instruments.Count)];
            var account = random.Next(2) == 0 ? SanctionedIndividual : SanctionedCorporate;
            return [Order(DayScenario.Sanctioned, int.Parse(account, CultureInfo.InvariantCulture), instrument, random.Next(2) == 0, instrument.ReferencePrice, instrument.LotSize, TimeInForce.Gtc)];
        }

        public List<DayOrder> RejectedJurisdiction()
        {
            var instrument = instruments[random.Next(instruments.Count)];
            return [Order(DayScenario.RejectedJurisdiction, int.Parse(RejectedCountry, CultureInfo.InvariantCulture), instrument, buy: true, instrument.ReferencePrice, instrument.LotSize, TimeInForce.Gtc)];
        }

        public List<DayOrder> FatFinger()
        {
            var instrument = instruments[random.Next(instruments.Count)];
            var buy = random.Next(2) == 0;
            var price = Round(instrument.ReferencePrice * (buy ? 1.25m : 0.75m), instrument.TickSize);
            return [Order(DayScenario.FatFinger, FirstIndividual + random.Next(Individuals), instrument, buy, price, instrument.LotSize, TimeInForce.Gtc)];
        }

        public List<DayOrder> Expiring()
        {
            var instrument = instruments[random.Next(instruments.Count)];
            var price = Round(instrument.ReferencePrice * 0.95m, instrument.TickSize);
            var order = Order(DayScenario.Expiring, FirstIndividual + random.Next(Individuals), instrument, buy: true, price, instrument.LotSize, TimeInForce.Gtd);
            return [order with { ExpiresIn = TimeSpan.FromSeconds(random.Next(20, 40)) }];
        }

        private DayOrder Order(DayScenario scenario, int account, LocalInstrument instrument, bool buy, decimal price, long quantity, TimeInForce timeInForce, bool sendTwice = false)
        {
            var number = ++_next;
            var request = new SubmitOrderRequest
            {
                ClientOrderId = string.Create(CultureInfo.InvariantCulture, $"day-{number:D5}"),
                AccountId = Id(account),
                UserId = "u" + Id(account),
                RegionCode = Regions[account % Regions.Length],
                Instrument = instrument.Id,
                Side = buy ? OrderSide.Buy : OrderSide.Sell,
                Type = OrderType.Limit,
                Price = price,
                Quantity = quantity,
                TimeInForce = timeInForce,
            };
            return new DayOrder(scenario, request, null, null, sendTwice);
        }

        private static decimal Round(decimal price, decimal tick) => Math.Round(price / tick, MidpointRounding.AwayFromZero) * tick;
    }
}
