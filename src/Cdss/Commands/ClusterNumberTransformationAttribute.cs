using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace Cdss.Commands
{
    /// <summary>
    /// Binds cluster numbers strictly. PowerShell would round 3432149.6 to 3432150 and act on a cluster nobody
    /// named; a number with a fraction (or text that is not a whole number) is refused in binding instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ClusterNumberTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string || !(value is IEnumerable items)) return ToNumber(value) ?? inputData;
            var converted = new List<object?>();
            var allNumbers = true;
            foreach (var item in items)
            {
                var number = ToNumber(item is PSObject w ? w.BaseObject : item);
                allNumbers &= number.HasValue;
                converted.Add(number.HasValue ? number.Value : item);
            }
            return allNumbers ? converted.Select(n => (long)n!).ToArray() : (object)converted.ToArray();
        }

        /// <summary>
        /// The number, or null for a value this attribute has no opinion on (an object whose ServiceGroupInstanceNo
        /// property PowerShell will bind next, or text that is not numeric): ordinary binding then decides.
        /// </summary>
        private static long? ToNumber(object? value)
        {
            switch (value)
            {
                case long l: return l;
                case int i: return i;
                case short s: return s;
                case byte b: return b;
                case uint ui: return ui;
                case ulong ul when ul <= long.MaxValue: return (long)ul;
                case double d: return IsWhole(d) ? (long)d : throw NotWhole(value);
                case float f: return IsWhole(f) ? (long)f : throw NotWhole(value);
                case decimal m: return decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue ? (long)m : throw NotWhole(value);
                case string text:
                    if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                    if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)) throw NotWhole(value);
                    return null;
                default: return null;
            }
        }

        private static ArgumentTransformationMetadataException NotWhole(object value) =>
            new ArgumentTransformationMetadataException(
                $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}' is not a cluster number: service group instance numbers are whole numbers, such as 3432149. It was not rounded.");

        private static bool IsWhole(double d) => !double.IsNaN(d) && !double.IsInfinity(d) && Math.Floor(d) == d && d >= long.MinValue && d <= long.MaxValue;
    }
}
