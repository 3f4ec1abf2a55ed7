using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Matching;

/// <summary>
/// Seeded random command streams for tests: a small id space so that cancels and replaces hit live orders and new
/// orders sometimes reuse a live id, a narrow price range so that orders cross, and few accounts so that self-trades
/// happen. Invalid values appear on purpose.
/// </summary>
internal static class RandomCommandStream
{
    public static OrderCommand[] Create(int seed, int count, int idSpace = 200, long midPrice = 1_000, int priceSpread = 20, int accounts = 8, long tick = 1, long lot = 1, bool invalid = true)
    {
        var random = new Random(seed);
        var commands = new OrderCommand[count];
        for (var i = 0; i < count; i++)
        {
            var id = random.NextInt64(1, idSpace + 1);
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var price = (midPrice + random.Next(-priceSpread, priceSpread + 1)) * tick;
            var qty = random.Next(1, 20) * lot;
            var account = random.Next(1, accounts + 1);
            if (invalid && random.Next(50) == 0)
            {
                // Invalid on purpose: zero or negative quantity or price, or off the tick / lot grid.
                switch (random.Next(4))
                {
                    case 0: qty = -random.Next(0, 3); break;
                    case 1: price = -random.Next(0, 3); break;
                    case 2: price += tick > 1 ? 1 : 0; break;
                    default: qty += lot > 1 ? 1 : 0; break;
                }
            }

            var roll = random.Next(100);
            commands[i] = roll switch
            {
                < 25 => OrderCommand.NewOrder(id, side, price, qty, TimeInForce.Gtc, account),
                < 30 => OrderCommand.NewOrder(id, side, price, qty, TimeInForce.Day, account),
                < 36 => OrderCommand.NewOrder(id, side, price, qty, TimeInForce.Ioc, account),
                < 42 => OrderCommand.NewOrder(id, side, price, qty * 3, TimeInForce.Fok, account),
                < 48 => OrderCommand.NewOrder(id, side, price, qty, TimeInForce.Post, account),
                < 52 => OrderCommand.MarketOrder(id, side, qty * 2, account),
                < 64 => OrderCommand.Cancel(id),
                < 99 => OrderCommand.Replace(id, price, random.Next(3) == 0 ? qty * 2 : qty),
                _ => OrderCommand.EndOfSession(),
            };
        }

        return commands;
    }
}
