using System.Text;

namespace Grocery.Catalog.Importing;

/// <summary>RFC 4180 records (quoted fields may hold commas, quotes and line breaks), each with the line it starts on.</summary>
public static class CsvRecordReader
{
    public static async IAsyncEnumerable<(int Line, string[] Fields)> ReadAsync(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var afterQuote = false;
        var buffer = new char[8192];
        int read;
        var pendingCr = false;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (c == '\n') continue;
                }
                if (inQuotes)
                {
                    if (c == '"') { inQuotes = false; afterQuote = true; }
                    else
                    {
                        if (c == '\n') line++;
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case '"' when afterQuote:
                        field.Append('"');
                        inQuotes = true;
                        afterQuote = false;
                        break;
                    case '"' when field.Length == 0:
                        inQuotes = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        afterQuote = false;
                        break;
                    case '\r' or '\n':
                        pendingCr = c == '\r';
                        fields.Add(field.ToString());
                        field.Clear();
                        afterQuote = false;
                        if (fields.Count > 1 || fields[0].Length > 0) yield return (recordLine, fields.ToArray());
                        fields.Clear();
                        line++;
                        recordLine = line;
                        break;
                    default:
                        field.Append(c);
                        afterQuote = false;
                        break;
                }
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }

    public static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
