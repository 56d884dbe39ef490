using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;

namespace Cdss.Commands
{
    /// <summary>Converts between PowerShell values and JSON, the way ConvertTo-Json / ConvertFrom-Json users expect.</summary>
    internal static class PSJson
    {
        private const int MaxDepth = 32;

        /// <summary>Serializes a hashtable, PSCustomObject, .NET object or JSON string as a request body.</summary>
        public static string ToJson(object? value)
        {
            var unwrapped = value is PSObject pso && pso.BaseObject is string ? pso.BaseObject : value;
            if (unwrapped is string text)
            {
                try
                {
                    using (JsonDocument.Parse(text)) { }
                }
                catch (JsonException ex)
                {
                    throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                        $"-Body is a string but not valid JSON: {ex.Message}",
                        "Pass a hashtable or object (it is converted for you), or a valid JSON string.", ex);
                }
                return text;
            }
            return JsonSerializer.Serialize(ToPlain(value, 0));
        }

        private static object? ToPlain(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new CdssException(CdssErrorIds.InvalidArgument, CdssErrorCategory.InvalidArgument,
                    $"-Body nests deeper than {MaxDepth} levels (a reference loop?).", "Pass a simpler body, or a JSON string.");
            }
            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject) return PropertiesOf(wrapped, depth);
                value = wrapped.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case string or char or bool: return value;
                case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal: return value;
                case DateTime dateTime: return dateTime.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset dateTimeOffset: return dateTimeOffset.ToString("o", CultureInfo.InvariantCulture);
                case Enum e: return e.ToString();
                case IDictionary dictionary:
                    var map = new Dictionary<string, object?>();
                    foreach (DictionaryEntry entry in dictionary) map[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = ToPlain(entry.Value, depth + 1);
                    return map;
                case IEnumerable sequence:
                    return sequence.Cast<object?>().Select(item => ToPlain(item, depth + 1)).ToList();
                default:
                    return PropertiesOf(PSObject.AsPSObject(value), depth);
            }
        }

        private static Dictionary<string, object?> PropertiesOf(PSObject value, int depth)
        {
            var map = new Dictionary<string, object?>();
            foreach (var property in value.Properties)
            {
                if (!property.IsGettable) continue;
                map[property.Name] = ToPlain(property.Value, depth + 1);
            }
            return map;
        }

        /// <summary>JSON as PowerShell sees it: objects become PSCustomObjects, arrays object[].</summary>
        public static object? ToPowerShell(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => ObjectOf(element),
            JsonValueKind.Array => element.EnumerateArray().Select(ToPowerShell).ToArray(),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.TryGetDecimal(out var m) ? m : (object)element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

        private static PSObject ObjectOf(JsonElement element)
        {
            var result = new PSObject();
            foreach (var property in element.EnumerateObject())
            {
                result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
            }
            return result;
        }

        /// <summary>Query parameters in a stable order: as given for ordered dictionaries, else sorted by name.</summary>
        public static IEnumerable<KeyValuePair<string, string>> ToQuery(IDictionary? query)
        {
            if (query == null) return Enumerable.Empty<KeyValuePair<string, string>>();
            var pairs = query.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>(
                Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "",
                Convert.ToString(e.Value is PSObject p ? p.BaseObject : e.Value, CultureInfo.InvariantCulture) ?? ""));
            return query is System.Collections.Specialized.IOrderedDictionary ? pairs.ToList() : pairs.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        }
    }
}
