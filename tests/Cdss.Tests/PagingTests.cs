using Cdss.Api;

namespace Cdss.Tests;

public class PagingTests
{
    private static Func<int, CancellationToken, Task<ResultPage<int>>> Pages(List<int> asked, params ResultPage<int>[] pages) =>
        (pageNo, _) =>
        {
            asked.Add(pageNo);
            if (pageNo > pages.Length) throw new InvalidOperationException($"page {pageNo} was never meant to be asked for");
            var page = pages[pageNo - 1];
            // As a fetch does: the page records the pageNo it was asked for.
            return Task.FromResult(new ResultPage<int>(page.Items, pageNo, page.CurrentPage, page.TotalPage, page.IsLast));
        };

    /// <summary>A page's answer: currentPage as the service sent it (0: it sent none), totalPage, isLast and items.</summary>
    private static ResultPage<int> Page(int current, int total, bool isLast, params int[] items) => new(items, 0, current, total, isLast);

    private readonly RecordingLog _log = new();

    private Task<IReadOnlyList<int>> ReadAll(Func<int, CancellationToken, Task<ResultPage<int>>> fetch, CancellationToken cancellationToken) =>
        Paging.ReadAllAsync("the numbers", fetch, n => n, _log, cancellationToken);

    [Fact]
    public async Task ReadAll_StopsOnIsLast()
    {
        var asked = new List<int>();
        var items = await ReadAll(Pages(asked, Page(1, 0, false, 1, 2), Page(2, 0, true, 3)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2, 3 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task ReadAll_StopsOnTotalPage()
    {
        var asked = new List<int>();
        var items = await ReadAll(Pages(asked, Page(1, 2, false, 1), Page(2, 2, false, 2)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task ReadAll_StopsOnAnEmptyPage_EvenWhenTheCountsSayMore()
    {
        var asked = new List<int>();
        var items = await ReadAll(Pages(asked, Page(1, 9, false, 1), Page(2, 9, false)), CancellationToken.None);
        Assert.Equal(new[] { 1 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
    }

    [Fact]
    public async Task ReadAll_StopsWhenTheServerIgnoresPageNo_WithAWarning_AndListsEachItemOnce()
    {
        var asked = new List<int>();
        var items = await ReadAll(Pages(asked, Page(1, 0, false, 1, 2), Page(1, 0, false, 1, 2)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
        var warning = Assert.Single(_log.Warnings);
        Assert.Contains("Asked for page 2 of the numbers, the service answered page 1", warning);
        Assert.Contains("ignore pageNo", warning);
    }

    [Fact]
    public async Task ReadAll_StopsWhenAPageRepeatsOnlyEarlierItems_WithoutPagingFields()
    {
        var asked = new List<int>();
        var items = await ReadAll(Pages(asked, Page(0, 0, false, 1, 2), Page(0, 0, false, 2, 1)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, items);
        Assert.Equal(new[] { 1, 2 }, asked);
        Assert.Contains("Page 2 of the numbers repeated only entries of earlier pages", Assert.Single(_log.Warnings));
    }

    [Fact]
    public async Task ReadAll_ListsAnItemOnAnotherPageAgainOnlyOnce_AndGoesOn()
    {
        var asked = new List<int>();
        var items = await ReadAll(Pages(asked, Page(1, 3, false, 1, 2), Page(2, 3, false, 2, 3), Page(3, 3, false, 4)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2, 3, 4 }, items);
        Assert.Equal(new[] { 1, 2, 3 }, asked);
        Assert.Empty(_log.Warnings);
        Assert.Contains(_log.Lines, l => l.Level == "Verbose" && l.Text.Contains("Page 2 of the numbers repeated 1 entries"));
    }

    [Fact]
    public async Task ReadAll_StopsAtMaxPages_WithAWarning()
    {
        var asked = 0;
        var items = await ReadAll((pageNo, _) =>
        {
            asked++;
            return Task.FromResult(new ResultPage<int>(new[] { pageNo }, pageNo, pageNo, 0, false));
        }, CancellationToken.None);
        Assert.Equal(Paging.MaxPages, asked);
        Assert.Equal(Paging.MaxPages, items.Count);
        Assert.Contains($"after {Paging.MaxPages} pages", Assert.Single(_log.Warnings));
    }

    [Fact]
    public async Task ReadAll_FollowsPagesWithoutPagingFields_UntilOneIsEmpty()
    {
        var asked = new List<int>();
        var items = await ReadAll(Pages(asked, Page(0, 0, false, 1), Page(0, 0, false, 2), Page(0, 0, false)), CancellationToken.None);
        Assert.Equal(new[] { 1, 2 }, items);
        Assert.Equal(new[] { 1, 2, 3 }, asked);
    }

    [Fact]
    public async Task ReadAll_ObservesCancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ReadAll((_, _) => throw new InvalidOperationException("must not be called"), cts.Token));
    }

    [Theory]
    [InlineData(1, 1, 3, false, 5, 5, "None")]
    [InlineData(1, 0, 0, false, 5, 5, "None")]
    [InlineData(3, 3, 3, false, 5, 5, "Last")]
    [InlineData(1, 1, 3, true, 5, 5, "Last")]
    [InlineData(1, 1, 3, false, 0, 0, "Last")]
    [InlineData(2, 1, 3, false, 5, 5, "NotThePageAskedFor")]
    [InlineData(2, 1, 0, false, 5, 0, "NotThePageAskedFor")]
    [InlineData(2, 0, 0, false, 5, 0, "OnlyRepeats")]
    [InlineData(2, 2, 3, false, 5, 3, "None")]
    [InlineData(Paging.MaxPages, 0, 0, false, 5, 5, "MaxPages")]
    public void End(int requested, int reported, int total, bool isLast, int count, int newItems, string expected)
    {
        Assert.Equal(expected, Paging.End(new ResultPage<int>(new int[count], requested, reported, total, isLast), newItems).ToString());
    }
}
